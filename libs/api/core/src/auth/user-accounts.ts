import type { EntityManager } from 'typeorm';
import type { Role } from '@sunshine/shared/domain';
import type { OrganizationRecord } from '../graphql/organization.dto';

export type AccountStatus = 'ACTIVE' | 'DISABLED';

/** What sign-in learns about an account before any scope exists. */
export interface SignInAccount {
  id: string;
  organizationId: string;
  username: string;
  passwordHash: string;
  roles: Role[];
  status: AccountStatus;
  lockedUntil: Date | null;
}

/** The account as the signed-in user sees it (the `me` query, the access token's claims). */
export interface AccountProfile {
  id: string;
  organizationId: string;
  username: string;
  displayName: string;
  roles: Role[];
  status: AccountStatus;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  organization: OrganizationRecord;
}

export interface FailedAttempts {
  failedAttempts: number;
  /** Set when this attempt locked the account. */
  lockedUntil: Date | null;
}

/**
 * Port: the accounts the sign-in flow works on. The users feature owns the `users` and
 * `assessor_assignments` tables and provides the implementation; the auth feature depends only on
 * this class (a Nest injection token), so neither feature imports the other. Methods taking an
 * EntityManager run in the caller's transaction.
 */
export abstract class UserAccounts {
  /** Looks an account up by user name outside any scope (sign-in precedes the scope). */
  abstract findForSignIn(username: string): Promise<SignInAccount | null>;

  /**
   * Counts a failed password; locks the account for `lockMinutes` at the `threshold`-th failure.
   * A lock in force is never extended. Answers the lock in force, if any.
   */
  abstract recordFailedAttempt(
    m: EntityManager,
    userId: string,
    threshold: number,
    lockMinutes: number,
  ): Promise<FailedAttempts>;

  /**
   * Clears the failure count, stamps the sign-in and flags a password older than
   * `passwordMaxAgeDays` for change (0: passwords do not expire). False when the account is no longer active or unlocked.
   */
  abstract recordSignIn(
    m: EntityManager,
    userId: string,
    passwordMaxAgeDays: number,
  ): Promise<boolean>;

  /** The stored password hash, or null for an unknown account. */
  abstract passwordHash(m: EntityManager, userId: string): Promise<string | null>;

  /**
   * Sets the user's own new password, clears a pending change, and keeps the hash in the
   * password history (the most recent `keep` passwords).
   */
  abstract setOwnPassword(
    m: EntityManager,
    userId: string,
    passwordHash: string,
    keep: number,
  ): Promise<void>;

  /** The hashes of the current password and of the most recent earlier ones, newest first. */
  abstract recentPasswordHashes(m: EntityManager, userId: string, count: number): Promise<string[]>;

  /** The account with its organisation, or null when it is not visible in the transaction. */
  abstract profile(m: EntityManager, userId: string): Promise<AccountProfile | null>;

  /** The organisations an assessor is assigned to assess. */
  abstract assessorOrganizationIds(m: EntityManager, userId: string): Promise<string[]>;
}
