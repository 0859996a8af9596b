import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@sunshine/shared/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Scope } from '../tenancy/scope';

/** Claims of the short-lived access token. */
export interface AccessClaims {
  sub: string;
  sid: string;
  usr: string;
  org: string;
  roots: string[];
  roles: Role[];
  /** Password change pending: only a few operations are allowed. */
  mcp: boolean;
}

const ROLE_VALUES = new Set<string>(Object.values(Role));

function isClaims(value: unknown): value is AccessClaims {
  if (!value || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.sid === 'string' &&
    typeof c.usr === 'string' &&
    typeof c.org === 'string' &&
    Array.isArray(c.roots) &&
    c.roots.every((r) => typeof r === 'string') &&
    Array.isArray(c.roles) &&
    c.roles.every((r) => typeof r === 'string' && ROLE_VALUES.has(r)) &&
    typeof c.mcp === 'boolean'
  );
}

@Injectable()
export class AccessTokens {
  /**
   * The HMAC key as a KeyObject, made once. Given a string, jsonwebtoken first tries it as a
   * public key (createPublicKey throws) and then makes a secret key, on every verify: ≈ 0.8 ms
   * of each request's CPU on the benchmark machine (profile in docs/benchmarks.md).
   */
  private readonly verifyKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.verifyKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  get lifetimeSeconds(): number {
    return this.config.accessTokenSeconds;
  }

  sign(claims: AccessClaims): string {
    return this.jwt.sign(
      { ...claims },
      {
        secret: this.config.jwtSecret,
        expiresIn: this.config.accessTokenSeconds,
        algorithm: 'HS256',
        issuer: 'sunshine',
      },
    );
  }

  /** Returns the claims, or null for a missing, malformed, forged or expired token. */
  verify(token: string): AccessClaims | null {
    try {
      const payload: unknown = this.jwt.verify(token, {
        // @nestjs/jwt types the secret as string | Buffer but hands it to jsonwebtoken as is,
        // which takes a KeyObject (and then skips the per-call key construction).
        secret: this.verifyKey as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: 'sunshine',
      });
      return isClaims(payload) ? payload : null;
    } catch {
      return null;
    }
  }

  static toScope(claims: AccessClaims, ip: string | null): Scope {
    return {
      userId: claims.sub,
      username: claims.usr,
      sessionId: claims.sid,
      organizationId: claims.org,
      roles: claims.roles,
      rootOrgIds: claims.roots,
      ip,
    };
  }
}
