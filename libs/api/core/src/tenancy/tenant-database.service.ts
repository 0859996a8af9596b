import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '@sunshine/shared/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../errors/app-error';
import { preparedQuery } from '../database/rows';
import { connectionFailure, fromDatabaseError } from '../errors/format-error';
import { OrgDirectory } from './org-directory.service';
import type { Scope } from './scope';
import { TenancyChecks } from './tenancy-checks';

export type TenantWork<T> = (manager: EntityManager) => Promise<T>;

type TransactionPhase = 'CONNECT' | 'WORK' | 'COMMIT';

/** The operation's open transaction, for nested runs in the same async call tree. */
const operationTransaction = new AsyncLocalStorage<{ key: string; manager: EntityManager }>();

/** TypeORM's PostgreSQL runner can hand a connection back with an error (pg-pool then drops it). */
function canReleaseWithError(
  runner: object,
): runner is { releasePostgresConnection(error: Error): Promise<void> } {
  return typeof Reflect.get(runner, 'releasePostgresConnection') === 'function';
}

function scopeKey(scope: Scope): string {
  return `${scope.userId}|${scope.sessionId ?? ''}|${scope.rootOrgIds.join(',')}`;
}

/**
 * Runs work in one transaction whose row-level-security context is the caller's scope, set
 * transaction-locally (set_config(..., true)) so nothing survives on a pooled connection.
 * The same call checks the session (revoked, expired, idle).
 */
@Injectable()
export class TenantDatabase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgs: OrgDirectory,
    private readonly checks: TenancyChecks,
  ) {}

  async run<T>(scope: Scope, work: TenantWork<T>): Promise<T> {
    if (!scope || !scope.userId || scope.rootOrgIds.length === 0) {
      // A missing scope is a server error, never "see everything".
      throw new Error('TenantDatabase.run called without a scope');
    }
    const open = operationTransaction.getStore();
    if (open && !open.manager.queryRunner?.isReleased) {
      // One transaction per operation: a nested run (a service called by a resolver that already
      // opened the operation's transaction) joins it instead of committing on its own.
      if (open.key !== scopeKey(scope))
        throw new Error('TenantDatabase.run nested with another scope');
      return work(open.manager);
    }
    const runner = this.ds.createQueryRunner();
    let phase: TransactionPhase = 'CONNECT';
    let broken: Error | null = null;
    try {
      await runner.connect();
      await runner.startTransaction();
      phase = 'WORK';
      const [begin] = (await runner.manager.query(
        preparedQuery('SELECT app_begin($1, $2, $3, $4, $5, $6) AS status'),
        [
          scope.rootOrgIds.join(','),
          scope.userId,
          scope.organizationId,
          scope.roles.includes(Role.AUDITOR),
          scope.sessionId,
          this.config.idleTimeoutMinutes * 60,
        ],
      )) as Array<{ status: string }>;
      if (!begin) throw new Error('app_begin returned no row');
      const { status } = begin;
      if (status !== 'OK') {
        throw AppError.unauthenticated(
          `SESSION_${status}`,
          status === 'IDLE' ? '长时间未操作，请重新登录' : '登录已失效，请重新登录',
        );
      }
      const result = await operationTransaction.run(
        { key: scopeKey(scope), manager: runner.manager },
        () => work(runner.manager),
      );
      phase = 'COMMIT';
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (error instanceof AppError) {
        // An expected failure still ends the transaction: nothing it wrote may stay behind on a
        // pooled connection for the next request to commit.
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      const lost = connectionFailure(error, phase);
      if (lost) {
        // Hand the broken connection back with the error, so the pool discards it.
        broken = error instanceof Error ? error : new Error(String(error));
        throw lost;
      }
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw fromDatabaseError(error) ?? error;
    } finally {
      if (broken && canReleaseWithError(runner)) {
        await runner.releasePostgresConnection(broken).catch(() => undefined);
      } else {
        await runner.release().catch(() => undefined);
      }
    }
  }

  /**
   * A transaction of its own even inside an operation's transaction, committed whatever the
   * operation does next: for records that must survive the operation's failure (a failed
   * password check counts toward the lockout although the mutation answers an error).
   */
  runAlone<T>(scope: Scope, work: TenantWork<T>): Promise<T> {
    return operationTransaction.exit(() => this.run(scope, work));
  }

  /** Throws UNAUTHENTICATED unless the scope's session is live (the check every `run` makes). */
  async assertLiveSession(scope: Scope): Promise<void> {
    await this.run(scope, async () => undefined);
  }

  /** Code-level visibility of one organisation (the first of the two tenancy layers). */
  async canSee(scope: Scope, organizationId: string): Promise<boolean> {
    if (!this.checks.inCode) return true;
    return (await this.orgs.subtree(scope.rootOrgIds)).has(organizationId);
  }

  /**
   * Code-level read rule for what an organisation issues downwards (plans, their categories and
   * tasks): readable in the caller's subtree, and from below only once released (published or
   * closed) — a draft stays with its issuer and the issuer's overseers.
   */
  async canReadIssued(scope: Scope, issuerId: string, released: boolean): Promise<boolean> {
    if (!this.checks.inCode) return true;
    if ((await this.orgs.subtree(scope.rootOrgIds)).has(issuerId)) return true;
    if (!released) return false;
    for (const root of scope.rootOrgIds) {
      if (await this.orgs.isStrictAncestor(issuerId, root)) return true;
    }
    return false;
  }

  /** Throws NOT_FOUND (existence is not revealed) unless the organisation is visible. */
  async assertVisible(scope: Scope, organizationId: string): Promise<void> {
    if (!(await this.canSee(scope, organizationId))) {
      throw new AppError(ErrorCode.NOT_FOUND, 'NOT_FOUND', '对象不存在或无权访问');
    }
  }

  /** Code-level check that the organisation is the caller's own (e.g. a plan's issuer). */
  assertOwnOrg(scope: Scope, organizationId: string, message = '只有本单位可以执行此操作'): void {
    if (this.checks.inCode && scope.organizationId !== organizationId) {
      throw new AppError(ErrorCode.FORBIDDEN, 'NOT_OWN_ORGANIZATION', message);
    }
  }

  /** Code-level check that `descendant` lies strictly below the caller's organisation (overseer). */
  async assertOverseer(
    scope: Scope,
    descendant: string,
    message = '只有上级单位可以执行此操作',
  ): Promise<void> {
    if (
      this.checks.inCode &&
      !(await this.orgs.isStrictAncestor(scope.organizationId, descendant))
    ) {
      throw new AppError(ErrorCode.FORBIDDEN, 'NOT_OVERSEER', message);
    }
  }

  /**
   * The visible organisation ids for code-level filters, or null when code-level checks are
   * switched off (the query then relies on RLS alone).
   */
  async visibleOrgIds(scope: Scope): Promise<string[] | null> {
    if (!this.checks.inCode) return null;
    return [...(await this.orgs.subtree(scope.rootOrgIds))];
  }

  invalidateDirectory(): void {
    this.orgs.invalidate();
  }
}
