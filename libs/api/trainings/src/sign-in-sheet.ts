import { textOf, type Sheet } from '@sunshine/api/plan-excel';
import { isPlausiblePhone, matchUnit, type UnitCandidate } from '@sunshine/shared/domain';

/**
 * Reads sign-in sheets (签到表) as offices keep them: a title above, a header row with 序号, 单位,
 * 姓名, 职务, 联系电话, 签到, 备注 (wording varies), one row per person, units written loosely and
 * often only on the first row of a merged block, sometimes one sheet per day. Pure: the workbook
 * comes from the one reader (`readWorkbook`), the bureaus from the caller.
 */

export type SignInColumn = 'unit' | 'name' | 'post' | 'phone' | 'signed' | 'note' | 'number';

const HEADERS: Record<SignInColumn, RegExp> = {
  number: /^(序号|编号|No\.?)$/i,
  unit: /^(单位|工作单位|单位名称|所在单位|参训单位)$/,
  name: /^(姓名|参训人员|学员姓名)$/,
  post: /^(职务|职称|岗位|职务职称)$/,
  phone: /^(联系电话|电话|手机|手机号码?|联系方式)$/,
  signed: /^(签到|签名|签到签名|本人签字|签字|是否参加|出席情况)$/,
  note: /^(备注|说明)$/,
};

const HEADER_SEARCH_ROWS = 10;
export const MAX_SIGN_IN_ROWS = 5000;
const ABSENT = /^(缺席|未到|未参加|否|请假|×|x|X|—|-)$/;

export interface SignInProblem {
  sheet: string;
  row: number;
  message: string;
}

export interface SignInRow {
  sheet: string;
  row: number;
  unitWritten: string;
  organizationId: string;
  organizationName: string;
  loose: boolean;
  traineeName: string;
  post: string;
  phone: string;
  attended: boolean;
  hours: number;
  note: string;
}

export interface UnknownUnit {
  written: string;
  rows: number;
  suggestion: { id: string; name: string } | null;
}

export interface SignInParse {
  rows: SignInRow[];
  errors: SignInProblem[];
  warnings: SignInProblem[];
  unknownUnits: UnknownUnit[];
  sheetsRead: number;
}

export interface SignInOptions<T extends UnitCandidate> {
  units: readonly T[];
  /** The session's hours and days (for per-day sheets and "半天" notes). */
  hours: number;
  days: number;
  /** Choices made in the preview: unit as written → organisation id. */
  choices?: Readonly<Record<string, string>>;
}

const clean = (s: string): string => s.replace(/[\s\u3000]/g, '');

function headerOf(sheet: Sheet): { row: number; columns: Map<SignInColumn, number> } | null {
  const rows = sheet.rowNumbers().slice(0, HEADER_SEARCH_ROWS);
  for (const row of rows) {
    const columns = new Map<SignInColumn, number>();
    for (const { column, value } of sheet.cells(row)) {
      const text = clean(textOf(value));
      for (const [key, pattern] of Object.entries(HEADERS) as Array<[SignInColumn, RegExp]>) {
        if (!columns.has(key) && pattern.test(text)) columns.set(key, column);
      }
    }
    if (columns.has('name') && columns.has('unit')) return { row, columns };
  }
  return null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function parseSignInSheets<T extends UnitCandidate>(
  sheets: readonly Sheet[],
  options: SignInOptions<T>,
): SignInParse {
  const errors: SignInProblem[] = [];
  const warnings: SignInProblem[] = [];
  const unknown = new Map<string, UnknownUnit>();
  const perDay = options.hours / Math.max(1, options.days);
  const withData = sheets.filter((s) => s.rowNumbers().length > 0);
  // One sheet per day: each sheet is worth a day's hours; otherwise each row the whole session.
  const dayPerSheet = withData.length > 1 && withData.length === options.days;
  const byId = new Map(options.units.map((u) => [u.id, u]));
  const people = new Map<string, SignInRow>();
  let total = 0;
  let sheetsRead = 0;
  for (const sheet of withData) {
    const header = headerOf(sheet);
    if (!header) {
      errors.push({
        sheet: sheet.name,
        row: 0,
        message: `工作表“${sheet.name}”未找到表头（需包含“单位”和“姓名”列）`,
      });
      continue;
    }
    sheetsRead++;
    const col = (row: number, key: SignInColumn): string => {
      const c = header.columns.get(key);
      return c === undefined ? '' : textOf(sheet.value(row, c)).trim();
    };
    let lastUnit = '';
    for (const row of sheet.rowNumbers().filter((r) => r > header.row)) {
      const name = clean(col(row, 'name'));
      let unit = col(row, 'unit');
      const rowText = sheet
        .cells(row)
        .map((c) => textOf(c.value))
        .join('');
      if (name === '' && /^(注|说明|备注|合计|共计|填表)/.test(clean(rowText))) continue;
      if (name === '') {
        if (clean(rowText) !== '' && clean(rowText) !== clean(col(row, 'number')))
          warnings.push({ sheet: sheet.name, row, message: `第 ${row} 行没有姓名，已跳过` });
        if (unit !== '') lastUnit = unit;
        continue;
      }
      total++;
      if (total > MAX_SIGN_IN_ROWS) {
        errors.push({
          sheet: sheet.name,
          row,
          message: `签到表超过 ${MAX_SIGN_IN_ROWS} 人，请分批导入`,
        });
        return { rows: [], errors, warnings, unknownUnits: [...unknown.values()], sheetsRead };
      }
      if (name.length > 30) {
        errors.push({ sheet: sheet.name, row, message: `第 ${row} 行姓名过长（超过 30 字）` });
        continue;
      }
      if (unit === '') {
        const merged =
          header.columns.get('unit') !== undefined &&
          sheet.mergeAt(row, header.columns.get('unit')!);
        if (lastUnit === '') {
          errors.push({ sheet: sheet.name, row, message: `第 ${row} 行（${name}）未填写单位` });
          continue;
        }
        if (!merged)
          warnings.push({
            sheet: sheet.name,
            row,
            message: `第 ${row} 行（${name}）未填写单位，沿用上一行“${lastUnit}”`,
          });
        unit = lastUnit;
      }
      lastUnit = unit;
      const chosen = options.choices?.[unit];
      let org: T | undefined = chosen ? byId.get(chosen) : undefined;
      let loose = false;
      if (chosen && !org) {
        errors.push({
          sheet: sheet.name,
          row,
          message: `第 ${row} 行：为“${unit}”选择的单位不在可登记范围内`,
        });
        continue;
      }
      if (!org) {
        const match = matchUnit(unit, options.units);
        if (match.kind === 'EXACT' || match.kind === 'LOOSE') {
          org = match.unit;
          loose = match.kind === 'LOOSE';
        } else if (match.kind === 'AMBIGUOUS') {
          errors.push({
            sheet: sheet.name,
            row,
            message: `第 ${row} 行：单位“${unit}”可能是 ${match.options.map((o) => o.name).join('、')}，请写全称`,
          });
          continue;
        } else {
          const u = unknown.get(unit) ?? {
            written: unit,
            rows: 0,
            suggestion: match.closest ? { id: match.closest.id, name: match.closest.name } : null,
          };
          u.rows++;
          unknown.set(unit, u);
          errors.push({
            sheet: sheet.name,
            row,
            message: match.closest
              ? `第 ${row} 行：未找到单位“${unit}”，是否为“${match.closest.name}”？`
              : `第 ${row} 行：未找到单位“${unit}”`,
          });
          continue;
        }
      }
      let phone = clean(col(row, 'phone'));
      if (phone !== '' && !isPlausiblePhone(phone)) {
        warnings.push({
          sheet: sheet.name,
          row,
          message: `第 ${row} 行（${name}）联系电话格式不正确，未导入该号码`,
        });
        phone = '';
      }
      const signedText = clean(col(row, 'signed'));
      const attended = header.columns.has('signed')
        ? signedText !== '' && !ABSENT.test(signedText)
        : true;
      const note = col(row, 'note');
      let hours = attended ? (dayPerSheet ? perDay : options.hours) : 0;
      if (attended && /半天|上午|下午/.test(note)) {
        hours = Math.min(hours, perDay / 2);
        warnings.push({
          sheet: sheet.name,
          row,
          message: `第 ${row} 行（${name}）备注“${note}”，按半天 ${round1(hours)} 学时计`,
        });
      }
      const key = `${org.id}|${name}`;
      const earlier = people.get(key);
      if (earlier) {
        if (dayPerSheet && earlier.sheet !== sheet.name) {
          earlier.attended = earlier.attended || attended;
          earlier.hours = round1(Math.min(options.hours, earlier.hours + hours));
          earlier.phone ||= phone;
          earlier.post ||= clean(col(row, 'post'));
        } else {
          warnings.push({
            sheet: sheet.name,
            row,
            message: `第 ${row} 行（${name}，${org.name}）与第 ${earlier.row} 行重复，已合并`,
          });
          earlier.attended = earlier.attended || attended;
          earlier.hours = Math.max(earlier.hours, round1(hours));
        }
        continue;
      }
      people.set(key, {
        sheet: sheet.name,
        row,
        unitWritten: unit,
        organizationId: org.id,
        organizationName: org.name,
        loose,
        traineeName: name,
        post: col(row, 'post').slice(0, 50),
        phone,
        attended,
        hours: round1(hours),
        note: note.slice(0, 200),
      });
    }
  }
  if (sheetsRead > 0 && people.size === 0 && errors.length === 0)
    errors.push({ sheet: '', row: 0, message: '签到表中没有人员' });
  if (withData.length === 0) errors.push({ sheet: '', row: 0, message: '文件中没有内容' });
  return {
    rows: [...people.values()],
    errors,
    warnings,
    unknownUnits: [...unknown.values()],
    sheetsRead,
  };
}
