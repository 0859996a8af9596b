import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { col, execute, rowShape, selectOne } from '@sunshine/api/core';
import type { ThrottleRule } from '@sunshine/shared/domain';

const Gate = rowShape({ wait: col.int, name_locked_until: col.date.nullable });
const Failed = rowShape({
  failures: col.int,
  blocked_until: col.date.nullable,
  locked_until: col.date.nullable,
});
const Since = rowShape({
  failures: col.int,
  first_at: col.date.nullable,
  last_at: col.date.nullable,
  locked: col.bool,
});

/** The throttle key of an account name (whether or not the account exists). */
export function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}

/** The throttle key of a client address. */
export function addressKey(ip: string | null): string {
  return `ip:${ip ?? 'unknown'}`;
}

/** No lock for a key that only throttles (client addresses). */
const NEVER = 2_147_483_647;

export interface ThrottleGate {
  /** Seconds until the caller may try again; 0 when no key is blocked. */
  waitSeconds: number;
  /** The account name's own lock (used for names without an account). */
  nameLockedUntil: Date | null;
}

export interface FailuresSinceSignIn {
  failures: number;
  firstAt: Date | null;
  lastAt: Date | null;
  locked: boolean;
}

/**
 * The `sign_in_throttle` table (owned by the auth feature), reached only through SECURITY DEFINER
 * functions: it precedes any scope and is not the runtime role's to read.
 */
@Injectable()
export class SignInThrottleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async gate(account: string, address: string): Promise<ThrottleGate> {
    const row = await selectOne(
      this.ds.manager,
      Gate,
      'SELECT auth_throttle_wait($1) AS wait, auth_throttle_locked_until($2) AS name_locked_until',
      [[account, address], account],
    );
    return { waitSeconds: row?.wait ?? 0, nameLockedUntil: row?.name_locked_until ?? null };
  }

  /** Counts a failure; an account name also follows the lockout rule (threshold, minutes). */
  async fail(
    m: EntityManager,
    key: string,
    rule: ThrottleRule,
    lock?: { threshold: number; minutes: number },
  ): Promise<{ failures: number; blockedUntil: Date | null; lockedUntil: Date | null }> {
    const row = await selectOne(
      m,
      Failed,
      'SELECT * FROM auth_throttle_fail($1, $2, $3, $4, $5, $6, $7)',
      [
        key,
        rule.free,
        rule.baseSeconds,
        rule.capSeconds,
        rule.resetSeconds,
        lock?.threshold ?? NEVER,
        lock?.minutes ?? 0,
      ],
    );
    return {
      failures: row?.failures ?? 0,
      blockedUntil: row?.blocked_until ?? null,
      lockedUntil: row?.locked_until ?? null,
    };
  }

  async clear(m: EntityManager, key: string): Promise<void> {
    await execute(m, 'SELECT auth_throttle_clear($1)', [key]);
  }

  /** Failed password checks on the transaction's own user since its previous sign-in. */
  async failuresSinceSignIn(m: EntityManager): Promise<FailuresSinceSignIn> {
    const row = await selectOne(m, Since, 'SELECT * FROM auth_failures_since_sign_in()', []);
    return {
      failures: row?.failures ?? 0,
      firstAt: row?.first_at ?? null,
      lastAt: row?.last_at ?? null,
      locked: row?.locked ?? false,
    };
  }
}
