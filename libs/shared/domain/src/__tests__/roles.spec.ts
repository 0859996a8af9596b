import {
  accountDuty,
  assignableRoles,
  checkRoleSet,
  hasBusinessRole,
  managesAccount,
  Role,
} from '../roles';

describe('separation of duties (三员分立)', () => {
  it('keeps SECURITY_ADMIN and AUDITOR alone on an account', () => {
    for (const other of [Role.ADMIN, Role.LEADER, Role.EDITOR, Role.REVIEWER, Role.ASSESSOR]) {
      expect(checkRoleSet([Role.AUDITOR, other])).toBe('SEPARATION_OF_DUTIES');
      expect(checkRoleSet([Role.SECURITY_ADMIN, other])).toBe('SEPARATION_OF_DUTIES');
    }
    expect(checkRoleSet([Role.SECURITY_ADMIN, Role.AUDITOR])).toBe('SEPARATION_OF_DUTIES');
    expect(checkRoleSet([Role.SECURITY_ADMIN])).toBeNull();
    expect(checkRoleSet([Role.AUDITOR])).toBeNull();
    expect(checkRoleSet([Role.ADMIN, Role.LEADER, Role.REVIEWER])).toBeNull();
  });

  it('names the duty of an account', () => {
    expect(accountDuty([Role.ADMIN, Role.LEADER])).toBe('BUSINESS');
    expect(accountDuty([Role.SECURITY_ADMIN])).toBe('SECURITY');
    expect(accountDuty([Role.AUDITOR])).toBe('AUDIT');
  });

  it('lets the system administrator manage business accounts only', () => {
    expect(managesAccount([Role.ADMIN], [Role.EDITOR])).toBe(true);
    expect(managesAccount([Role.ADMIN], [Role.ADMIN])).toBe(true);
    expect(managesAccount([Role.ADMIN], [Role.AUDITOR])).toBe(false);
    expect(managesAccount([Role.ADMIN], [Role.SECURITY_ADMIN])).toBe(false);
    expect(assignableRoles([Role.ADMIN])).toEqual([
      Role.ADMIN,
      Role.LEADER,
      Role.EDITOR,
      Role.REVIEWER,
      Role.ASSESSOR,
    ]);
  });

  it('lets the security administrator manage audit and security administrators only', () => {
    expect(managesAccount([Role.SECURITY_ADMIN], [Role.AUDITOR])).toBe(true);
    expect(managesAccount([Role.SECURITY_ADMIN], [Role.SECURITY_ADMIN])).toBe(true);
    expect(managesAccount([Role.SECURITY_ADMIN], [Role.ADMIN])).toBe(false);
    expect(managesAccount([Role.SECURITY_ADMIN], [Role.EDITOR])).toBe(false);
    expect(assignableRoles([Role.SECURITY_ADMIN])).toEqual([Role.SECURITY_ADMIN, Role.AUDITOR]);
  });

  it('lets the auditor and business roles manage no account', () => {
    expect(assignableRoles([Role.AUDITOR])).toEqual([]);
    expect(assignableRoles([Role.LEADER, Role.EDITOR])).toEqual([]);
  });

  it('tells business roles from duty roles', () => {
    expect(hasBusinessRole([Role.AUDITOR])).toBe(false);
    expect(hasBusinessRole([Role.SECURITY_ADMIN])).toBe(false);
    expect(hasBusinessRole([Role.ASSESSOR])).toBe(true);
  });
});
