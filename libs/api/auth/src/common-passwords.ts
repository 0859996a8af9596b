import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let list: ReadonlySet<string> | null = null;

/**
 * The common passwords refused at every password change (common-passwords.txt: its header says
 * where it comes from; regenerate with tools/scripts/generate-common-passwords.cjs). Loaded once.
 */
export function commonPasswords(): ReadonlySet<string> {
  if (!list) {
    const text = readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8');
    list = new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#')),
    );
  }
  return list;
}

/** True when the password is on the list, whatever its letter case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}
