import { checkPassword, passwordClasses } from '../password-policy';
import { checkRoleSet, Role } from '../roles';
import { auditInstitutionName, isValidChildLevel, OrgLevel } from '../organization';

describe('password policy', () => {
  it('accepts the demo password', () => {
    expect(checkPassword('Sunshine#2025', '3401-editor')).toEqual([]);
  });
  it('counts character classes', () => {
    expect(passwordClasses('abc')).toBe(1);
    expect(passwordClasses('aB3$')).toBe(4);
  });
  it('rejects short, weak and username-containing passwords, all at once', () => {
    expect(checkPassword('aB3', 'x')).toEqual(['TOO_SHORT']);
    expect(checkPassword('abcdefgh1', 'x')).toEqual(['TOO_FEW_CLASSES']);
    expect(checkPassword('Zhang-san1', 'ZHANG')).toEqual(['CONTAINS_USERNAME']);
    expect(checkPassword('ab', 'ab')).toEqual([
      'TOO_SHORT',
      'TOO_FEW_CLASSES',
      'CONTAINS_USERNAME',
    ]);
  });
});

describe('role sets', () => {
  it('refuses ADMIN with AUDITOR (三员分立)', () => {
    expect(checkRoleSet([Role.ADMIN, Role.AUDITOR])).toBe('SEPARATION_OF_DUTIES');
    expect(checkRoleSet([Role.ADMIN, Role.LEADER])).toBeNull();
    expect(checkRoleSet([])).toBe('EMPTY');
    expect(checkRoleSet([Role.EDITOR, Role.EDITOR])).toBe('DUPLICATE');
  });
});

describe('organisations', () => {
  it('names audit institutions after their division', () => {
    expect(auditInstitutionName('安徽省', OrgLevel.PROVINCE)).toBe('安徽省审计厅');
    expect(auditInstitutionName('合肥市', OrgLevel.CITY)).toBe('合肥市审计局');
    expect(auditInstitutionName('瑶海区', OrgLevel.COUNTY)).toBe('瑶海区审计局');
    expect(auditInstitutionName('中国', OrgLevel.NATIONAL)).toBe('审计署');
    expect(auditInstitutionName('北京市', OrgLevel.PROVINCE)).toBe('北京市审计局');
  });
  it('allows any strictly lower level below a parent', () => {
    expect(isValidChildLevel(OrgLevel.PROVINCE, OrgLevel.CITY)).toBe(true);
    expect(isValidChildLevel(OrgLevel.PROVINCE, OrgLevel.COUNTY)).toBe(true);
    expect(isValidChildLevel(OrgLevel.CITY, OrgLevel.PROVINCE)).toBe(false);
  });
});
