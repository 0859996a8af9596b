import {
  auditActionLabel,
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
    expect(auditActionLabel('SECOND_FACTOR_RESET')).toBe('重置两步验证');
    expect(auditActionLabel('USER_SESSIONS_END', '{"username":"x","ended":2}')).toBe(
      '结束用户全部会话',
    );
    expect(auditActionLabel('plan.publish')).toBe('plan.publish');
  });

  it('names target types in Chinese', () => {
    expect(auditTargetLabel('User')).toBe('用户');
    expect(auditTargetLabel('organization')).toBe('单位');
    expect(auditTargetLabel('Plan')).toBe('Plan');
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
