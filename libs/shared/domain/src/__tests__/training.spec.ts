import { OrgLevel } from '../organization';
import {
  bureauTraining,
  canMoveTraining,
  coverageRate,
  maskPhone,
  matchUnit,
  meetsRequirement,
  unitStem,
  type AttendanceFact,
} from '../training';

const units = [
  { id: 'p', name: '安徽省审计厅', level: OrgLevel.PROVINCE },
  { id: 'hf', name: '合肥市审计局', level: OrgLevel.CITY },
  { id: 'yh', name: '瑶海区审计局', level: OrgLevel.COUNTY },
  { id: 'ly', name: '庐阳区审计局', level: OrgLevel.COUNTY },
  { id: 'wh', name: '芜湖市审计局', level: OrgLevel.CITY },
  { id: 'cf', name: '长丰县审计局', level: OrgLevel.COUNTY },
];

const fact = (over: Partial<AttendanceFact>): AttendanceFact => ({
  organizationId: 'yh',
  traineeName: '张三',
  phone: '',
  attended: true,
  hours: 6,
  sessionLevel: OrgLevel.PROVINCE,
  sessionExternal: false,
  ...over,
});

describe('training rules', () => {
  it('masks mobiles as 138****1234 and other numbers but the last four', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 0551-62345678 ')).toBe('*********5678');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('123')).toBe('***');
  });

  it('moves planned → held → archived one step at a time', () => {
    expect(canMoveTraining('PLANNED', 'HELD')).toBe(true);
    expect(canMoveTraining('HELD', 'ARCHIVED')).toBe(true);
    expect(canMoveTraining('PLANNED', 'ARCHIVED')).toBe(false);
    expect(canMoveTraining('HELD', 'PLANNED')).toBe(false);
  });

  it('matches loosely written unit names and proposes the closest for unknown ones', () => {
    expect(unitStem('合肥市审计局')).toBe('合肥');
    expect(matchUnit('合肥市审计局', units)).toMatchObject({ kind: 'EXACT', unit: { id: 'hf' } });
    expect(matchUnit('合肥市局', units)).toMatchObject({ kind: 'LOOSE', unit: { id: 'hf' } });
    expect(matchUnit('瑶海区局', units)).toMatchObject({ kind: 'LOOSE', unit: { id: 'yh' } });
    expect(matchUnit(' 瑶海 ', units)).toMatchObject({ kind: 'LOOSE', unit: { id: 'yh' } });
    expect(matchUnit('省厅', units)).toMatchObject({ kind: 'LOOSE', unit: { id: 'p' } });
    expect(matchUnit('长丰审计局', units)).toMatchObject({ kind: 'LOOSE', unit: { id: 'cf' } });
    expect(matchUnit('庐阳审计', units)).toMatchObject({ kind: 'UNKNOWN', closest: { id: 'ly' } });
    expect(matchUnit('黄山市审计局', units)).toMatchObject({ kind: 'UNKNOWN', closest: null });
  });

  it('counts a person at two sessions once as a trainee and twice in hours, partial hours included', () => {
    const t = bureauTraining([
      fact({ hours: 6 }),
      fact({ hours: 3.5, sessionLevel: OrgLevel.CITY }),
      fact({ traineeName: '李四', hours: 0, attended: false }),
    ]);
    expect(t).toEqual({ trainees: 1, personHours: 9.5, provinceAttendees: 1, trained: true });
  });

  it('checks the yearly requirement: a province-level attendee and enough hours', () => {
    const rule = { level: OrgLevel.COUNTY, minProvinceAttendees: 1, minHours: 8 };
    const cityOnly = bureauTraining([fact({ sessionLevel: OrgLevel.CITY, hours: 12 })]);
    expect(meetsRequirement(cityOnly, rule)).toBe(false);
    const external = bureauTraining([fact({ sessionExternal: true, hours: 12 })]);
    expect(meetsRequirement(external, rule)).toBe(false);
    const short = bureauTraining([fact({ hours: 6 })]);
    expect(meetsRequirement(short, rule)).toBe(false);
    const enough = bureauTraining([fact({ hours: 6 }), fact({ traineeName: '王五', hours: 2 })]);
    expect(meetsRequirement(enough, rule)).toBe(true);
    expect(meetsRequirement(bureauTraining([]), undefined)).toBe(false);
    expect(coverageRate(3, 2)).toBe(0.667);
    expect(coverageRate(0, 0)).toBe(0);
  });
});
