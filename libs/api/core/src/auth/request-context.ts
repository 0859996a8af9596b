import type { Request, Response } from 'express';
import type DataLoader from 'dataloader';
import type { Scope } from '../tenancy/scope';
import type { AccessClaims } from './access-token';

/** The GraphQL context: the HTTP pair and, once the guard has run, the caller. */
export interface RequestContext {
  req: Request;
  res: Response;
  scope?: Scope;
  claims?: AccessClaims;
  /** Per-request DataLoaders (see graphql/loaders.ts). */
  loaders?: Map<string, DataLoader<unknown, unknown>>;
}

export function clientIp(req: Request): string | null {
  return (req.ip ?? req.socket?.remoteAddress ?? null)?.replace(/^::ffff:/, '') ?? null;
}
