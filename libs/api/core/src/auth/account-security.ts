import type { EntityManager } from 'typeorm';

/**
 * Port: what managing accounts needs from the sign-in feature, which owns the password policy and
 * the `sessions` table. Implemented by `@sunshine/api/auth`; injected by the users feature.
 */
export abstract class AccountSecurity {
  /** Throws BAD_USER_INPUT with the policy's messages when the password is not acceptable. */
  abstract assertPasswordPolicy(password: string, username: string): void;

  /** Ends every open session of a user (disable, role change, password reset), in the caller's transaction. */
  abstract revokeSessions(m: EntityManager, userId: string, reason: string): Promise<number>;

  /** Clears the sign-in throttle and lock of an account name (unlock, enable, password reset). */
  abstract clearSignInFailures(m: EntityManager, username: string): Promise<void>;
}
