import { createHash } from 'node:crypto';

/** A stable UUID for an organisation code, so seeds, tests and links stay the same across runs. */
export function orgIdForCode(code: string): string {
  const h = createHash('sha256').update(`sunshine:organization:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
