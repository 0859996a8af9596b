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
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
        secret: this.config.jwtSecret,
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
