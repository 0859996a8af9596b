/** Levels of the oversight hierarchy. The order is top-down; nothing assumes exactly three. */
export enum OrgLevel {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

export const ORG_LEVEL_ORDER: readonly OrgLevel[] = [
  OrgLevel.NATIONAL,
  OrgLevel.PROVINCE,
  OrgLevel.CITY,
  OrgLevel.COUNTY,
];

export const ORG_LEVEL_LABEL: Record<OrgLevel, string> = {
  [OrgLevel.NATIONAL]: '国家',
  [OrgLevel.PROVINCE]: '省级',
  [OrgLevel.CITY]: '市级',
  [OrgLevel.COUNTY]: '县级',
};

/** Official name of an audit institution for a division name: 审计署, 安徽省审计厅, 合肥市审计局, 瑶海区审计局. */
export function auditInstitutionName(divisionName: string, level: OrgLevel): string {
  switch (level) {
    case OrgLevel.NATIONAL:
      return '审计署';
    case OrgLevel.PROVINCE:
      // Municipalities directly under the central government have an 审计局.
      return divisionName.endsWith('市') ? `${divisionName}审计局` : `${divisionName}审计厅`;
    default:
      return `${divisionName}审计局`;
  }
}

/** True when `child` may sit directly below `parent` (any strictly lower level). */
export function isValidChildLevel(parent: OrgLevel, child: OrgLevel): boolean {
  return ORG_LEVEL_ORDER.indexOf(child) > ORG_LEVEL_ORDER.indexOf(parent);
}
