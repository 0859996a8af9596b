import { navigationFor, selectedNavKey } from '../navigation';

const labels = (entries: ReturnType<typeof navigationFor>) =>
  entries.map((e) =>
    e.children ? `${e.label}(${e.children.map((c) => c.label).join(',')})` : e.label,
  );

describe('navigationFor', () => {
  it('gives an editor the business menu without 系统管理', () => {
    expect(labels(navigationFor(['EDITOR']))).toEqual([
      '首页',
      '进展填报',
      '第三方测评',
      '培训',
      '考评',
    ]);
  });

  it('shows 用户管理 to administrators only and 审计日志 to auditors only', () => {
    expect(labels(navigationFor(['ADMIN']))).toContain('系统管理(用户管理)');
    expect(labels(navigationFor(['AUDITOR']))).toContain('系统管理(审计日志)');
    expect(labels(navigationFor(['ADMIN', 'LEADER', 'AUDITOR']))).toContain(
      '系统管理(用户管理,审计日志)',
    );
  });
});

describe('selectedNavKey', () => {
  it('highlights the entry for the path and falls back to 首页', () => {
    expect(selectedNavKey('/admin/users')).toBe('/admin/users');
    expect(selectedNavKey('/admin/users/42')).toBe('/admin/users');
    expect(selectedNavKey('/reporting')).toBe('/reporting');
    expect(selectedNavKey('/')).toBe('/');
    expect(selectedNavKey('/reportingx')).toBe('/');
  });
});
