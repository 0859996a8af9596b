import { matchUnit, UnitDirectory } from '../unit-match';
import { ANHUI, NATIONAL, unitId } from './helpers';

const anhui = new UnitDirectory(ANHUI);
const national = new UnitDirectory(NATIONAL);

function id(name: string, cityHint?: string, directory = anhui): string | null {
  const found = directory.match(name, { cityHint });
  return found.ok ? found.unit.id : null;
}

describe('matchUnit', () => {
  it.each([
    ['合肥市审计局', '3401'],
    ['合肥市', '3401'],
    ['合肥', '3401'],
    ['瑶海区审计局', '340102'],
    ['瑶海区', '340102'],
    ['瑶海', '340102'],
    ['肥东县', '340122'],
    [' 肥东县审计局 ', '340122'],
    ['合肥市瑶海区', '340102'],
    ['合肥市瑶海区审计局', '340102'],
    ['安徽省合肥市瑶海区审计局', '340102'],
    ['合肥瑶海区', '340102'],
    ['安徽省审计厅', '34'],
    ['和县审计局', '340523'],
    ['合肥高新区', '340176'],
    ['合肥经开区审计局', '340177'],
    ['巢湖市', '340181'],
    ['黄山市', '3410'],
    ['黄山区', '341003'],
    ['铜陵市郊区', '340711'],
  ])('%s → %s', (name, code) => {
    expect(id(name)).toBe(unitId(code));
  });

  it('calls 黄山 ambiguous (Anhui has 黄山市 and its 黄山区) and lists both candidates', () => {
    const found = anhui.match('黄山审计局');
    expect(found).toMatchObject({ ok: false, code: 'AMBIGUOUS' });
    if (found.ok || found.code !== 'AMBIGUOUS') throw new Error('expected AMBIGUOUS');
    expect(found.candidates.map((c) => c.code).sort()).toEqual(['3410', '341003']);
    expect(found.message).toContain('对应多个单位');
  });

  it('calls 高新区 and 经开区 ambiguous across cities and resolves them with the city', () => {
    const zone = anhui.match('高新区');
    expect(zone).toMatchObject({ ok: false, code: 'AMBIGUOUS' });
    if (zone.ok || zone.code !== 'AMBIGUOUS') throw new Error('expected AMBIGUOUS');
    expect(zone.candidates.map((c) => c.code).sort()).toEqual(['340176', '340371']);
    expect(id('高新区', '蚌埠市')).toBe(unitId('340371'));
    expect(id('经开区审计局', '芜湖')).toBe(unitId('340271'));
    expect(id('经开区审计局', '合肥市审计局')).toBe(unitId('340177'));
  });

  it('requires the city for a county name found in two cities, from a hint or a prefix', () => {
    const found = national.match('鼓楼区审计局');
    expect(found).toMatchObject({ ok: false, code: 'AMBIGUOUS' });
    if (found.ok || found.code !== 'AMBIGUOUS') throw new Error('expected AMBIGUOUS');
    expect(found.candidates).toEqual([
      { id: 'org-320106', code: '320106', name: '鼓楼区审计局', parentName: '南京市审计局' },
      { id: 'org-320302', code: '320302', name: '鼓楼区审计局', parentName: '徐州市审计局' },
    ]);
    expect(found.message).toContain('南京市鼓楼区审计局');
    expect(id('鼓楼区', '徐州市', national)).toBe('org-320302');
    expect(id('鼓楼区', '南京', national)).toBe('org-320106');
    expect(id('徐州市鼓楼区审计局', undefined, national)).toBe('org-320302');
    expect(id('江苏省南京市鼓楼区', undefined, national)).toBe('org-320106');
    expect(national.match('鼓楼区', { cityHint: '徐州市' })).toMatchObject({
      ok: true,
      basis: 'CITY_HINT',
    });
    expect(national.match('南京市鼓楼区')).toMatchObject({ ok: true, basis: 'PREFIX' });
  });

  it('keeps a hinted city out of an unambiguous match and reports an unknown city', () => {
    expect(id('瑶海区', '合肥市')).toBe(unitId('340102'));
    expect(anhui.match('瑶海区', { cityHint: '火星市' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CITY',
    });
  });

  it('suggests the closest names for an unknown unit', () => {
    const found = anhui.match('瑶海县审计局');
    expect(found).toMatchObject({ ok: false, code: 'UNKNOWN' });
    if (found.ok || found.code !== 'UNKNOWN') throw new Error('expected UNKNOWN');
    expect(found.suggestions[0]?.name).toBe('瑶海区审计局');
    expect(found.message).toContain('是否为：瑶海区审计局');
    expect(anhui.match('   ')).toMatchObject({ ok: false, code: 'REQUIRED' });
  });

  it('matchUnit is the one-shot form of the directory', () => {
    expect(matchUnit('肥西县', ANHUI)).toMatchObject({ ok: true, unit: { code: '340123' } });
  });

  it('finds the unit a title names', () => {
    expect(anhui.findInText('瑶海区审计局2025年度政务公开第三方评估问题清单')?.code).toBe('340102');
    expect(anhui.findInText('2025年度政务公开第三方评估问题清单')).toBeNull();
  });
});
