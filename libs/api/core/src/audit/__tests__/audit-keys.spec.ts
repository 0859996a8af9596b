import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditKeyring,
  canonicalAuditEvent,
  canonicalJson,
  type AuditChainEvent,
} from '../audit-keys';

const KEY = 'unit-test-audit-key-0123456789abcdef-xyz';

const event: AuditChainEvent = {
  id: '42',
  atUs: '1747706400000000',
  userId: null,
  username: 'system',
  organizationId: null,
  action: 'USER_UPDATE',
  targetType: 'User',
  targetId: 'u1',
  result: 'SUCCESS',
  ip: null,
  changes: { b: 1, a: { d: [1, 'x'], c: null } },
};

describe('audit keyring', () => {
  it('canonical JSON ignores key order and keeps null apart from an empty string', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(canonicalAuditEvent({ ...event, ip: '' })).not.toBe(canonicalAuditEvent(event));
    // The JSON text as PostgreSQL's jsonb gives it back (keys reordered, spacing) keys the same.
    const fromDb = JSON.parse('{"a": {"c": null, "d": [1, "x"]}, "b": 1}') as unknown;
    expect(canonicalAuditEvent({ ...event, changes: fromDb })).toBe(canonicalAuditEvent(event));
  });

  it('chains MACs: any change of the event, its predecessor or the key shows', () => {
    const ring = new AuditKeyring(KEY);
    const mac = ring.mac('genesis:0', event);
    expect(mac).toMatch(/^[0-9a-f]{16}:[0-9a-f]{64}$/);
    expect(ring.checkMac('genesis:0', event, mac)).toBe('ok');
    expect(ring.checkMac('genesis:1', event, mac)).toBe('mismatch');
    expect(ring.checkMac('genesis:0', { ...event, id: '43' }, mac)).toBe('mismatch');
    expect(ring.checkMac('genesis:0', { ...event, changes: { b: 2 } }, mac)).toBe('mismatch');
    expect(ring.checkMac('genesis:0', event, 'nonsense')).toBe('malformed');
    const other = new AuditKeyring(`${KEY}-other`);
    expect(other.checkMac('genesis:0', event, mac)).toBe('unknown-key');
  });

  it('verifies with a retired key after rotation, and keys new events with the new one', () => {
    const old = new AuditKeyring(KEY);
    const mac = old.mac('genesis:0', event);
    const rotated = new AuditKeyring(`${KEY}-rotated`, [KEY]);
    expect(rotated.checkMac('genesis:0', event, mac)).toBe('ok');
    expect(rotated.mac('genesis:0', event).split(':')[0]).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(old.currentKeyId);
    // Checkpoint signatures use a key of their own, derived from the same secret.
    const sig = rotated.signCheckpoint('payload');
    expect(rotated.checkCheckpoint('payload', sig)).toBe('ok');
    expect(rotated.checkMac('payload', event, sig)).toBe('mismatch');
  });

  it('refuses a short secret', () => {
    expect(() => new AuditKeyring('too-short')).toThrow(/at least 32/);
  });

  it('generates the development key file once, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    try {
      const keyFile = join(dir, 'nested', 'audit-hmac.key');
      const first = AuditKeyring.load({ retiredKeys: [], keyFile });
      expect(first.created).toBe(keyFile);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
      const again = AuditKeyring.load({ retiredKeys: [], keyFile });
      expect(again.created).toBeNull();
      expect(again.keyring.currentKeyId).toBe(first.keyring.currentKeyId);
      // A configured key wins over the file.
      const configured = AuditKeyring.load({ hmacKey: KEY, retiredKeys: [], keyFile });
      expect(configured.keyring.currentKeyId).toBe(new AuditKeyring(KEY).currentKeyId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
