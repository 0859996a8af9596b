import { checkPassword } from '@sunshine/shared/domain';
import { ROLE_OPTIONS, roleSetMessage } from '../lib/roles';
import { generatePassword } from '../lib/generate-password';
import { USERNAME_PATTERN, userStatusView } from '../lib/user-status';

describe('roles', () => {
  it('offers the six roles with their Chinese labels in domain order', () => {
    expect(ROLE_OPTIONS.map((o) => o.label)).toEqual([
      '管理员',
      '领导',
      '填报员',
      '审核人',
      '第三方测评',
      '审计管理员',
    ]);
  });

  it('rejects empty sets and ADMIN together with AUDITOR (三员分立)', () => {
    expect(roleSetMessage([])).toBe('请至少选择一个角色');
    expect(roleSetMessage(['ADMIN', 'AUDITOR'])).toContain('三员分立');
    expect(roleSetMessage(['EDITOR', 'REVIEWER'])).toBeNull();
  });
});

describe('userStatusView', () => {
  const now = new Date('2025-03-01T08:00:00Z');

  it('shows disabled before locked', () => {
    expect(
      userStatusView({ status: 'DISABLED', lockedUntil: '2025-03-01T09:00:00Z' }, now).kind,
    ).toBe('disabled');
  });

  it('shows a lock only while it lasts', () => {
    expect(userStatusView({ status: 'ACTIVE', lockedUntil: '2025-03-01T08:30:00Z' }, now)).toEqual({
      kind: 'locked',
      label: '已锁定',
      until: '2025-03-01T08:30:00Z',
    });
    expect(
      userStatusView({ status: 'ACTIVE', lockedUntil: '2025-03-01T07:30:00Z' }, now).kind,
    ).toBe('active');
    expect(userStatusView({ status: 'ACTIVE', lockedUntil: null }, now).label).toBe('正常');
  });
});

describe('USERNAME_PATTERN', () => {
  it('accepts the demo account names and rejects spaces, Chinese and short names', () => {
    for (const ok of ['34-admin', '340102-editor', 'zhang.san', 'auditor_01']) {
      expect(USERNAME_PATTERN.test(ok)).toBe(true);
    }
    for (const bad of ['ab', 'zhang san', '张三', '-admin', 'a'.repeat(33)]) {
      expect(USERNAME_PATTERN.test(bad)).toBe(false);
    }
  });
});

describe('generatePassword', () => {
  it('always satisfies the password policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(12);
      expect(checkPassword(password, 'someone')).toEqual([]);
    }
  });

  it('is deterministic for a given random source and never shorter than 8', () => {
    let seed = 7;
    const lcg = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % max;
    };
    const a = generatePassword(4, lcg);
    expect(a).toHaveLength(8);
    expect(checkPassword(a, 'x')).toEqual([]);
  });
});
