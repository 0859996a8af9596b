import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonPasswords, isCommonPassword } from '../common-passwords';
import { SecretBox } from '../secret-box';

describe('common passwords', () => {
  it('ships a few thousand lower-case entries with their origin stated', () => {
    const text = readFileSync(join(__dirname, '..', 'common-passwords.txt'), 'utf8');
    expect(text.split('\n')[1]).toMatch(/^# Origin: /);
    expect(commonPasswords().size).toBeGreaterThan(3000);
    for (const p of commonPasswords()) expect(p).toBe(p.toLowerCase());
  });

  it('refuses well-known Chinese-context passwords whatever their case', () => {
    for (const p of [
      '123456',
      'a123456',
      'woaini1314',
      'qq123456',
      '1qaz2wsx',
      'Qwer1234',
      'P@ssw0rd',
      'Admin@123',
      'WOAINI@1314',
      'Sunshine#2025',
    ])
      expect(isCommonPassword(p)).toBe(true);
    expect(isCommonPassword('Kx7#vLq2!mZ')).toBe(false);
  });
});

describe('SecretBox', () => {
  const box = new SecretBox('a-test-key-of-at-least-32-characters!!');

  it('seals with a random IV and opens only with the same key and unaltered data', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(a);
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(new SecretBox('another-test-key-of-at-least-32-chars!').open(a)).toBeNull();
    const parts = a.split(':');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[4] = data.toString('base64url');
    expect(box.open(parts.join(':'))).toBeNull();
  });
});
