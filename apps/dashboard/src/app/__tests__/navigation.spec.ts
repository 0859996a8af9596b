import { landingFor, navigationFor, oversees, selectedNavKey } from '../navigation';

const labels = (entries: ReturnType<typeof navigationFor>) =>
  entries.map((e) =>
    e.children ? `${e.label}(${e.children.map((c) => c.label).join(',')})` : e.label,
  );

describe('landingFor', () => {
  it('sends administrators and leaders of organisations with subordinates to the overview', () => {
    expect(landingFor({ roles: ['ADMIN'], level: 'PROVINCE' })).toBe('overview');
    expect(landingFor({ roles: ['LEADER'], level: 'CITY' })).toBe('overview');
    expect(landingFor({ roles: ['LEADER'], level: 'NATIONAL' })).toBe('overview');
  });

  it('sends counties and reporting roles to the worklist', () => {
    expect(landingFor({ roles: ['ADMIN'], level: 'COUNTY' })).toBe('reporting');
    expect(landingFor({ roles: ['EDITOR'], level: 'COUNTY' })).toBe('reporting');
    expect(landingFor({ roles: ['EDITOR'], level: 'CITY' })).toBe('reporting');
    expect(landingFor({ roles: ['REVIEWER'], level: 'CITY' })).toBe('reporting');
  });

  it('lands an assessor on its rounds and 待复核 queue', () => {
    expect(landingFor({ roles: ['ASSESSOR'], level: 'PROVINCE' })).toBe('assessments');
  });

  it('keeps the organisation home page for everyone else', () => {
    expect(landingFor({ roles: ['AUDITOR'], level: 'PROVINCE' })).toBe('organizations');
    expect(landingFor({ roles: ['LEADER'], level: 'COUNTY' })).toBe('organizations');
  });

  it('knows which levels have subordinates without assuming three levels', () => {
    expect(oversees('NATIONAL')).toBe(true);
    expect(oversees('CITY')).toBe(true);
    expect(oversees('COUNTY')).toBe(false);
  });
});

describe('navigationFor', () => {
  it('gives a county editor the worklist first, without 首页 or 系统管理', () => {
    expect(labels(navigationFor({ roles: ['EDITOR'], level: 'COUNTY' }))).toEqual([
      '进展填报',
      '任务清单',
      '第三方测评',
      '培训',
      '年度报告',
      '考评',
    ]);
  });

  it('gives the province administrator the overview, reporting, plans and 单位架构', () => {
    expect(labels(navigationFor({ roles: ['ADMIN'], level: 'PROVINCE' }))).toEqual([
      '首页',
      '进展填报',
      '任务清单',
      '第三方测评',
      '培训',
      '年度报告',
      '年报统计',
      '考评',
      '系统管理(单位架构,用户管理)',
    ]);
  });

  it('keeps 进展填报 from leaders (read-only) and shows them 单位架构', () => {
    const menu = labels(navigationFor({ roles: ['LEADER'], level: 'PROVINCE' }));
    expect(menu).not.toContain('进展填报');
    expect(menu).toContain('系统管理(单位架构)');
  });

  it('shows 用户管理 to administrators only and 审计日志 to auditors only', () => {
    expect(labels(navigationFor({ roles: ['AUDITOR'], level: 'PROVINCE' }))).toEqual([
      '首页',
      '系统管理(审计日志)',
    ]);
    expect(labels(navigationFor({ roles: ['ADMIN', 'LEADER'], level: 'CITY' }))).toContain(
      '系统管理(单位架构,用户管理)',
    );
  });

  it('shows the security administrator 用户管理 and nothing of the business (三员分立)', () => {
    expect(labels(navigationFor({ roles: ['SECURITY_ADMIN'], level: 'PROVINCE' }))).toEqual([
      '首页',
      '系统管理(用户管理)',
    ]);
    expect(landingFor({ roles: ['SECURITY_ADMIN'], level: 'PROVINCE' })).toBe('organizations');
  });

  it('marks 进展填报 for the worklist badge', () => {
    const entry = navigationFor({ roles: ['REVIEWER'], level: 'COUNTY' }).find(
      (e) => e.label === '进展填报',
    );
    expect(entry?.badge).toBe('reporting');
  });
});

describe('selectedNavKey', () => {
  it('highlights the entry for the path and falls back to 首页', () => {
    expect(selectedNavKey('/admin/users')).toBe('/admin/users');
    expect(selectedNavKey('/admin/users/42')).toBe('/admin/users');
    expect(selectedNavKey('/reporting')).toBe('/reporting');
    expect(selectedNavKey('/reporting/reports/abc')).toBe('/reporting');
    expect(selectedNavKey('/plans/abc')).toBe('/plans');
    expect(selectedNavKey('/admin/organizations')).toBe('/admin/organizations');
    expect(selectedNavKey('/')).toBe('/');
    expect(selectedNavKey('/reportingx')).toBe('/');
  });
});
