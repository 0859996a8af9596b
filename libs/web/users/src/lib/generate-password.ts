const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#$%&*+=?@';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

/** A random integer in [0, max), from crypto.getRandomValues by default. */
export type RandomInt = (max: number) => number;

const cryptoRandomInt: RandomInt = (max) => {
  const [value] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  if (value === undefined) throw new Error('getRandomValues filled no value');
  return value % max;
};

/**
 * An initial password that meets the policy: all four character classes, no look-alike
 * characters (0/O, 1/l/I), 12 characters by default.
 */
export function generatePassword(length = 12, randomInt: RandomInt = cryptoRandomInt): string {
  const size = Math.max(length, 8);
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < size) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
