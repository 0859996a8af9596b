import {
  auditActionLabel,
  auditActionOptions,
  auditTargetView,
  auditResultView,
  auditTargetLabel,
  formatChanges,
  mergeOptions,
  normalizeActionCode,
} from '../lib/audit-format';

describe('audit formatting', () => {
  it('normalises action codes from several conventions', () => {
    expect(normalizeActionCode('user.create')).toBe('USER_CREATE');
    expect(normalizeActionCode('userCreate')).toBe('USER_CREATE');
    expect(normalizeActionCode('LOGIN_FAILED')).toBe('LOGIN_FAILED');
  });

  it('labels known actions in Chinese and leaves unknown ones as sent', () => {
    expect(auditActionLabel('LOGIN')).toBe('登录');
    expect(auditActionLabel('user.disable')).toBe('停用用户');
    expect(auditActionLabel('plan.publish')).toBe('发布任务清单');
    expect(auditActionLabel('REPORT_SUBMIT')).toBe('提交进展');
    expect(auditActionLabel('EVIDENCE_UPLOAD')).toBe('上传佐证材料');
    expect(auditActionLabel('PLAN_IMPORT')).toBe('导入任务清单');
    expect(auditActionLabel('SEED_DEMO')).toBe('载入演示数据');
    expect(auditActionLabel('SOMETHING_OLD')).toBe('SOMETHING_OLD');
  });

  it('names target types in Chinese', () => {
    expect(auditTargetLabel('User')).toBe('用户');
    expect(auditTargetLabel('organization')).toBe('单位');
    expect(auditTargetLabel('Plan')).toBe('任务清单');
    expect(auditTargetLabel('ProgressReport')).toBe('季度进展');
    expect(auditTargetLabel('Widget')).toBe('Widget');
  });

  it('offers every action of the shared table in the filter, in Chinese', () => {
    const groups = auditActionOptions();
    const options = groups.flatMap((g) => g.options);
    expect(options.find((o) => o.value === 'REPORT_SUBMIT')?.label).toBe('提交进展');
    for (const o of options) expect(o.label).toMatch(/^[^A-Z]*$/);
    expect(groups.map((g) => g.label)).toContain('进展填报');
  });

  it('shows an object by its name and lets the viewer follow it', () => {
    expect(
      auditTargetView({
        type: 'ProgressReport',
        typeLabel: '季度进展',
        id: 'r1',
        name: '3.2 主动公开审计结果公告',
        detail: '2025年第二季度',
      }),
    ).toEqual({
      typeLabel: '季度进展',
      name: '3.2 主动公开审计结果公告',
      detail: '2025年第二季度',
      followable: true,
    });
    expect(auditTargetView({ type: 'System', typeLabel: '系统', id: null }).followable).toBe(false);
  });

  it('maps results to a label and tone', () => {
    expect(auditResultView('SUCCESS')).toEqual({ label: '成功', tone: 'success' });
    expect(auditResultView('failure')).toEqual({ label: '失败', tone: 'error' });
    expect(auditResultView('DENIED').tone).toBe('warning');
    expect(auditResultView('PARTIAL')).toEqual({ label: 'PARTIAL', tone: 'default' });
  });

  it('pretty-prints JSON changes and passes other text through', () => {
    expect(formatChanges('{"roles":["EDITOR"]}')).toBe('{\n  "roles": [\n    "EDITOR"\n  ]\n}');
    expect(formatChanges('plain text')).toBe('plain text');
    expect(formatChanges(null)).toBeNull();
  });

  it('merges option lists without duplicates and keeps the same array when nothing is new', () => {
    const known = [{ value: '1', label: '张三' }];
    expect(mergeOptions(known, [{ value: '1', label: '张三' }])).toBe(known);
    expect(
      mergeOptions(known, [{ value: '2', label: '李四' }])
        .map((o) => o.value)
        .sort(),
    ).toEqual(['1', '2']);
  });
});

describe('separation of duties in the audit log (三员分立)', () => {
  it('names role changes and changes to audit or security administrators', () => {
    const change = (before: string[], after: string[]) =>
      JSON.stringify({ before: { roles: before }, after: { roles: after } });
    expect(auditActionLabel('USER_UPDATE', change(['EDITOR'], ['EDITOR', 'REVIEWER']))).toBe(
      '变更用户角色（填报员 → 填报员、审核人）',
    );
    expect(auditActionLabel('USER_UPDATE', change(['EDITOR'], ['EDITOR']))).toBe('修改用户');
    expect(auditActionLabel('USER_PASSWORD_RESET', change(['AUDITOR'], ['AUDITOR']))).toBe(
      '重置密码（审计管理员）',
    );
    expect(
      auditActionLabel('USER_CREATE', JSON.stringify({ after: { roles: ['SECURITY_ADMIN'] } })),
    ).toBe('新建用户（安全管理员）');
    expect(auditActionLabel('USER_CREATE', 'not json')).toBe('新建用户');
  });
});
