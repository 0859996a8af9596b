import { Inject, Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toDataURL } from 'qrcode';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  APP_CONFIG,
  AuditTrail,
  hashPassword,
  NotificationSink,
  selfScope,
  TenantDatabase,
  UserAccounts,
  verifyPassword,
  type AppConfig,
  type Scope,
  type SignInAccount,
} from '@sunshine/api/core';
import {
  accountDuty,
  normaliseRecoveryCode,
  normaliseTotpCode,
  RECOVERY_CODE_COUNT,
  secondFactorRequired,
} from '@sunshine/shared/domain';
import { SecondFactorRepository } from './second-factor.repository';
import { SecretBox } from './secret-box';

/** How long the step between the password and the code may take. */
const CHALLENGE_SECONDS = 300;
const PERIOD = 30;
/** The name authenticator apps show beside the account. */
const ISSUER = '阳光督导';

export interface Challenge {
  userId: string;
  username: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/** What the second step checked: a TOTP code or a recovery code (null: neither matched). */
export type FactorUsed = 'TOTP' | 'RECOVERY_CODE';

/**
 * The second factor: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, ±1 step, each step accepted once)
 * with ten one-time recovery codes. Secrets are encrypted at rest (SecretBox); recovery codes are
 * argon2id-hashed. Between the password and the code the client holds a short-lived signed
 * challenge naming the account, never a session.
 */
@Injectable()
export class SecondFactorService {
  private readonly box: SecretBox;
  private readonly challengeKey: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly accounts: UserAccounts,
    private readonly repo: SecondFactorRepository,
    @Optional() private readonly notifier?: NotificationSink,
  ) {
    this.box = SecretBox.load(config.secondFactor);
    this.challengeKey = createHmac('sha256', config.jwtSecret)
      .update('sunshine-second-factor-challenge')
      .digest('hex');
  }

  /** Whether the account must enrol before it can sign in (policy), given it has no factor. */
  mustEnrol(account: Pick<SignInAccount, 'roles'>): boolean {
    return (
      this.config.secondFactor.enforce &&
      secondFactorRequired(account.roles, this.config.secondFactor.scope)
    );
  }

  /** Whether the account has a confirmed second factor (read in the account's own scope). */
  async enrolled(m: EntityManager, userId: string): Promise<boolean> {
    return (await this.repo.find(m, userId))?.confirmed_at != null;
  }

  issueChallenge(account: Pick<SignInAccount, 'id' | 'username'>): string {
    return this.jwt.sign(
      { sub: account.id, usr: account.username, typ: 'second-factor' },
      {
        secret: this.challengeKey,
        expiresIn: CHALLENGE_SECONDS,
        algorithm: 'HS256',
        issuer: 'sunshine',
        audience: 'sunshine-second-factor',
      },
    );
  }

  readChallenge(token: string): Challenge {
    try {
      const c: unknown = this.jwt.verify(token, {
        secret: this.challengeKey,
        algorithms: ['HS256'],
        issuer: 'sunshine',
        audience: 'sunshine-second-factor',
      });
      if (c && typeof c === 'object') {
        const { sub, usr, typ } = c as Record<string, unknown>;
        if (typeof sub === 'string' && typeof usr === 'string' && typ === 'second-factor')
          return { userId: sub, username: usr };
      }
    } catch {
      // expired or forged: the same answer
    }
    throw AppError.unauthenticated('CHALLENGE_INVALID', '验证已超时，请重新输入用户名和密码');
  }

  /** Starts an enrolment: a new secret (kept encrypted until confirmed), its URI and QR code. */
  async begin(
    m: EntityManager,
    account: { id: string; username: string; organizationId: string },
  ): Promise<Enrolment> {
    const row = await this.repo.find(m, account.id);
    if (row?.confirmed_at)
      throw AppError.conflict(
        'SECOND_FACTOR_ENROLLED',
        '已启用两步验证；如需更换，请联系安全管理员重置',
      );
    const secret = generateSecret();
    await this.repo.begin(m, account.id, account.organizationId, this.box.seal(secret));
    const otpauthUri = generateURI({ issuer: ISSUER, label: account.username, secret });
    return { secret, otpauthUri, qrCode: await toDataURL(otpauthUri, { margin: 1, width: 200 }) };
  }

  /**
   * Confirms an enrolment with a code from the app; answers the recovery codes (shown once) or
   * null when the code is wrong.
   */
  async confirm(
    m: EntityManager,
    account: { id: string; organizationId: string },
    code: string,
  ): Promise<string[] | null> {
    const row = await this.repo.find(m, account.id);
    if (!row) throw AppError.badInput('NO_ENROLMENT', '请先开始设置两步验证');
    if (row.confirmed_at) throw AppError.conflict('SECOND_FACTOR_ENROLLED', '已启用两步验证');
    const step = this.checkTotp(row.secret_enc, code, row.last_step);
    if (step === null || !(await this.repo.acceptStep(m, account.id, step, true))) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c) ?? c)));
    await this.repo.replaceRecoveryCodes(m, account.id, account.organizationId, hashes);
    return codes;
  }

  /** Checks a TOTP code (accepted once) or a recovery code (used once). */
  async verify(m: EntityManager, userId: string, input: string): Promise<FactorUsed | null> {
    const row = await this.repo.find(m, userId);
    if (!row?.confirmed_at) return null;
    if (normaliseTotpCode(input)) {
      const step = this.checkTotp(row.secret_enc, input, row.last_step);
      return step !== null && (await this.repo.acceptStep(m, userId, step, false)) ? 'TOTP' : null;
    }
    const recovery = normaliseRecoveryCode(input);
    if (!recovery) return null;
    for (const c of await this.repo.unusedRecoveryCodes(m, userId)) {
      if (
        (await verifyPassword(c.code_hash, recovery)) &&
        (await this.repo.useRecoveryCode(m, c.id))
      )
        return 'RECOVERY_CODE';
    }
    return null;
  }

  async status(
    m: EntityManager,
    userId: string,
  ): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
    const enabled = await this.enrolled(m, userId);
    return { enabled, recoveryCodesLeft: enabled ? await this.repo.countUnused(m, userId) : 0 };
  }

  /**
   * A security administrator removes a user's second factor (a lost phone): audited, and the user
   * (its organisation's notifications, for business accounts) told. The user enrols again at the
   * next sign-in where the policy asks for it.
   */
  async reset(scope: Scope, userId: string): Promise<boolean> {
    if (userId === scope.userId)
      throw AppError.forbidden('SELF_ACTION', '不能重置自己的两步验证，请联系其他安全管理员');
    const target = await this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, userId);
      if (!user || !(await this.tenantDb.canSee(scope, user.organizationId)))
        throw AppError.notFound();
      const removed = await this.repo.remove(m, userId);
      await this.audit.record(m, scope, {
        action: 'SECOND_FACTOR_RESET',
        targetType: 'User',
        targetId: userId,
        organizationId: user.organizationId,
        changes: { username: user.username, hadSecondFactor: removed },
      });
      return user;
    });
    // Duty accounts have no notifications (a business table); they see the reset at sign-in.
    if (this.notifier && accountDuty(target.roles) === 'BUSINESS') {
      const notifier = this.notifier;
      // Its own transaction in the user's scope (the operation's transaction is the administrator's).
      await this.tenantDb.runAlone(selfScope(target, scope.ip ?? null), (m) =>
        notifier.notify(m, [
          {
            organizationId: target.organizationId,
            kind: 'SECURITY',
            title: `账户「${target.displayName}」的两步验证已被安全管理员重置`,
            body: `账户 ${target.username} 下次登录时需重新设置两步验证。如非本人申请，请立即联系安全管理员。`,
          },
        ]),
      );
    }
    return true;
  }

  /** The accepted time step of a code within ±1 step of now and after `after`, or null. */
  private checkTotp(sealed: string, code: string, after: number | null): number | null {
    const token = normaliseTotpCode(code);
    const secret = this.box.open(sealed);
    if (!token || !secret) return null;
    const result = verifySync({
      secret,
      token,
      period: PERIOD,
      epochTolerance: PERIOD,
      epoch: Math.floor(Date.now() / 1000),
      ...(after !== null ? { afterTimeStep: after } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}

/** Ten characters from a 32-letter alphabet without look-alikes, printed as `abcde-fghij`. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  let code = '';
  for (const b of bytes) code += alphabet[b % alphabet.length];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
