/**
 * The assessor's issue list (问题清单) → issues per unit, with every error and warning of the
 * file found in one pass (the caller imports all or nothing).
 *
 * A file has one sheet for all bureaus with a unit column, or a sheet per bureau (the unit is
 * the sheet's name, or named in a title row above the header). Per sheet the header is looked
 * for in the first rows by its names (header synonyms in columns.ts); title rows above it, blank
 * rows, repeated headers and notes below the table ("注：…") are skipped. Indicator, unit, city,
 * standard and deadline cells merged over several rows mean their value in every row. A problem
 * cell listing several problems is split (split.ts), each issue marked so that the preview can
 * ask to confirm; the type is read from a 问题类型 column or guessed from the words
 * (issue-types.ts); web addresses are taken out of the location (urls.ts); unit names are matched
 * as people write them (unit-match.ts), with the city from a city column, the sheet name or a
 * prefix when a name is ambiguous.
 */
import {
  readWorkbook,
  WorkbookReadError,
  type Sheet,
  type WorkbookGrid,
} from '@sunshine/api/plan-excel';
import { ISSUE_COLUMNS, headerOf, issueColumnFor, type IssueColumnKey } from './columns';
import { assessmentIssueTypeLabel, type AssessmentIssueType } from '@sunshine/shared/domain';
import { guessIssueType } from './issue-types';
import { carriedText, columnLetter, isFootnote, numberIn, ownText, rowTexts } from './sheet-cells';
import { isNoProblem, splitProblems } from './split';
import type {
  IssueListContext,
  IssueListError,
  IssueListErrorCode,
  IssueListResult,
  IssueListWarning,
  IssueListWarningCode,
  ParsedIssue,
  SheetLayout,
} from './types';
import { UnitDirectory, type AssessmentUnit, type UnitMatch } from './unit-match';
import { extractUrls } from './urls';

/** The header must be within this many rows from the top of a sheet. */
export const ISSUE_HEADER_SEARCH_ROWS = 15;
/** Columns looked at for the header. */
const MAX_HEADER_COLUMNS = 40;
/** Most issues one import takes. */
export const MAX_ISSUES = 20_000;
export const MAX_ISSUE_TEXT = 2000;
export const MAX_INDICATOR_TEXT = 200;
const PROGRESS_EVERY = 500;

/** The numbering of a section row: '一、' '（二）' '3.'. */
const SECTION_NUMBER =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*/;

/** Sheets that are instructions or summaries, skipped without a warning. */
const SIDE_SHEET = /说明|填写|填表|指引|目录|封面|指标体系|参考|对照/;

interface Found {
  headerRow: number;
  /** First data row (below a header merged over two rows). */
  firstRow: number;
  columns: Map<IssueColumnKey, number>;
}

function headerText(sheet: Sheet, row: number, column: number): string {
  const own = ownText(sheet, row, column);
  if (own !== '') return own;
  // A header merged down over two rows ('存在问题' beside '一级指标｜二级指标' under '评估指标').
  return carriedText(sheet, row, column).text;
}

function findHeader(sheet: Sheet): Found | null {
  const last = Math.min(ISSUE_HEADER_SEARCH_ROWS, sheet.rowCount);
  let best: Found | null = null;
  let bestCount = 0;
  for (let r = 1; r <= last; r += 1) {
    const columns = new Map<IssueColumnKey, number>();
    const end = Math.min(sheet.columnCount(r), MAX_HEADER_COLUMNS);
    for (let c = 1; c <= end; c += 1) {
      const key = issueColumnFor(headerText(sheet, r, c));
      if (key !== null && !columns.has(key)) columns.set(key, c);
    }
    // A header names several columns, or is a lone 存在问题 cell ('存在问题 | 说明…' is a note).
    const filled = rowTexts(sheet, r).length;
    const plausible = columns.size >= 2 || filled === 1;
    if (columns.has('description') && plausible && columns.size > bestCount) {
      let firstRow = r + 1;
      for (const range of sheet.mergesIn(r)) {
        if (range.top <= r && range.bottom > r) firstRow = Math.max(firstRow, range.bottom + 1);
      }
      best = { headerRow: r, firstRow, columns };
      bestCount = columns.size;
    }
  }
  return best;
}

function isHeaderRepeat(texts: string[]): boolean {
  return texts.filter((t) => issueColumnFor(t) !== null).length >= 2;
}

type UnitRef = { id: string; code: string; name: string };
const ref = (unit: AssessmentUnit): UnitRef => ({ id: unit.id, code: unit.code, name: unit.name });

class IssueListReader {
  private readonly directory: UnitDirectory;
  private readonly scope: Set<string> | null;
  private readonly errors: IssueListError[] = [];
  private readonly warnings: IssueListWarning[] = [];
  private readonly issues: ParsedIssue[] = [];
  private readonly sheets: SheetLayout[] = [];
  private readonly matchCache = new Map<string, UnitMatch>();
  private readonly seen = new Set<string>();
  private readonly keepWhole: ReadonlySet<string>;
  private rows = 0;
  private splitRows = 0;
  private noProblemRows = 0;
  private skippedRows = 0;
  private done = 0;
  private total = 0;

  constructor(
    private readonly grid: WorkbookGrid,
    private readonly context: IssueListContext,
  ) {
    this.directory = new UnitDirectory(context.units);
    this.scope = context.scopeUnitIds ? new Set(context.scopeUnitIds) : null;
    this.keepWhole = new Set((context.keepWhole ?? []).map((k) => `${k.sheet}\u0000${k.row}`));
  }

  private position(sheet: string, row: number, column: string): string {
    const where = this.grid.sheets.length > 1 && sheet !== '' ? `工作表「${sheet}」` : '';
    const line = row > 0 ? `第 ${row} 行` : '';
    const field = column !== '' ? `「${column}」` : '';
    const prefix = `${where}${line}${field}`;
    return prefix === '' ? '' : `${prefix}：`;
  }

  private error(
    sheet: string,
    row: number,
    key: IssueColumnKey | '',
    code: IssueListErrorCode,
    detail: string,
    extra: Pick<IssueListError, 'candidates' | 'suggestions'> = {},
  ): void {
    const column = key === '' ? '' : headerOf(ISSUE_COLUMNS, key);
    const message = this.position(sheet, row, column) + detail;
    this.errors.push({ sheet, row, column, code, message, ...extra });
  }

  private warn(
    sheet: string,
    row: number,
    key: IssueColumnKey | '',
    code: IssueListWarningCode,
    detail: string,
  ): void {
    const column = key === '' ? '' : headerOf(ISSUE_COLUMNS, key);
    const message = this.position(sheet, row, column) + detail;
    this.warnings.push({ sheet, row, column, code, message });
  }

  private match(text: string, cityHint: string | null): UnitMatch {
    const key = `${text}\u0000${cityHint ?? ''}`;
    let found = this.matchCache.get(key);
    if (!found) {
      found = this.directory.match(text, { cityHint });
      this.matchCache.set(key, found);
    }
    return found;
  }

  /** The unit the user chose for a name among `options` (candidates or suggestions), or null. */
  private chosen(text: string, options: ReadonlyArray<{ id: string }>): AssessmentUnit | null {
    const id = this.context.unitChoices?.[text.trim()];
    if (id === undefined || !options.some((o) => o.id === id)) return null;
    return this.context.units.find((u) => u.id === id) ?? null;
  }

  /** Reports a failed match; answers the unit or null. */
  private resolve(
    sheet: string,
    row: number,
    key: IssueColumnKey,
    text: string,
    cityHint: string | null,
  ): AssessmentUnit | null {
    let found = this.match(text, cityHint);
    if (!found.ok && (found.code === 'AMBIGUOUS' || found.code === 'UNKNOWN')) {
      const pick = this.chosen(
        text,
        found.code === 'AMBIGUOUS' ? found.candidates : found.suggestions,
      );
      if (pick) {
        this.warn(sheet, row, key, 'UNIT_CHOSEN', `“${text}”按所选单位导入为“${pick.name}”`);
        found = { ok: true, unit: pick, basis: 'NAME' };
      }
    }
    if (found.ok) {
      if (this.scope && !this.scope.has(found.unit.id)) {
        this.error(
          sheet,
          row,
          key,
          'UNIT_OUT_OF_SCOPE',
          `“${found.unit.name}”不在本次测评的被评估单位范围内`,
        );
        return null;
      }
      return found.unit;
    }
    switch (found.code) {
      case 'REQUIRED':
        this.error(sheet, row, key, 'UNIT_REQUIRED', found.message);
        break;
      case 'AMBIGUOUS': {
        // Only one of the candidates is assessed in this round: that one is meant.
        const inScope = this.scope ? found.candidates.filter((c) => this.scope?.has(c.id)) : [];
        const only = inScope.length === 1 ? inScope[0] : undefined;
        const unit = only && this.context.units.find((u) => u.id === only.id);
        if (unit) {
          this.warn(
            sheet,
            row,
            key,
            'UNIT_FROM_SCOPE',
            `“${text}”可能指多个单位，按本次测评范围确定为“${unit.name}”，请核对`,
          );
          return unit;
        }
        this.error(sheet, row, key, 'UNIT_AMBIGUOUS', found.message, {
          candidates: found.candidates,
        });
        break;
      }
      case 'UNKNOWN':
        this.error(sheet, row, key, 'UNIT_UNKNOWN', found.message, {
          suggestions: found.suggestions,
        });
        break;
      case 'UNKNOWN_CITY':
        this.error(sheet, row, 'city', 'CITY_UNKNOWN', found.message, {
          suggestions: found.suggestions,
        });
        break;
    }
    return null;
  }

  read(): IssueListResult {
    const found = this.grid.sheets.map((sheet) => ({
      sheet,
      header: SIDE_SHEET.test(sheet.name) ? null : findHeader(sheet),
    }));
    this.total = found.reduce(
      (sum, { sheet, header }) =>
        sum + (header ? Math.max(0, sheet.rowCount - header.headerRow) : 0),
      0,
    );
    for (const { sheet, header } of found) {
      if (header === null) {
        this.sheets.push({
          name: sheet.name,
          headerRow: 0,
          columns: [],
          unitSource: null,
          unit: null,
          skipped: true,
        });
        if (sheet.rowNumbers().length > 0 && !SIDE_SHEET.test(sheet.name)) {
          this.warn(
            sheet.name,
            0,
            '',
            'SHEET_SKIPPED',
            `工作表「${sheet.name}」中没有找到含“存在问题”（或“问题描述”“发现问题”）列的表头，已跳过`,
          );
        }
        continue;
      }
      this.readSheet(sheet, header);
    }
    if (found.every(({ header }) => header === null)) {
      this.error(
        '',
        0,
        '',
        'MISSING_HEADER',
        '没有找到问题清单的表头：表头应在前 15 行内，至少包含“存在问题”（或“问题描述”“发现问题”）列，建议使用本系统提供的模板',
      );
    } else if (this.issues.length === 0 && this.errors.length === 0) {
      this.error('', 0, '', 'NO_ISSUES', '文件中没有需要导入的问题');
    }
    if (this.issues.length > MAX_ISSUES) {
      this.error(
        '',
        0,
        '',
        'TOO_MANY_ISSUES',
        `问题数量超过上限（${MAX_ISSUES} 个），请拆分后分批导入`,
      );
    }
    this.context.onProgress?.(this.total, this.total);
    return this.result();
  }

  private sheetUnit(
    sheet: Sheet,
    header: Found,
  ): { unit: AssessmentUnit | null; source: SheetLayout['unitSource']; text: string } {
    const byName = this.match(sheet.name, null);
    if (byName.ok) return { unit: byName.unit, source: 'SHEET_NAME', text: sheet.name };
    if (!byName.ok && byName.code === 'AMBIGUOUS' && header.columns.get('unit') === undefined) {
      const pick = this.chosen(sheet.name, byName.candidates);
      if (pick) return { unit: pick, source: 'SHEET_NAME', text: sheet.name };
    }
    for (let r = 1; r < header.headerRow; r += 1) {
      for (const text of rowTexts(sheet, r)) {
        const unit = this.directory.findInText(text);
        if (unit) return { unit, source: 'TITLE', text };
      }
    }
    return { unit: null, source: null, text: sheet.name };
  }

  private readSheet(sheet: Sheet, header: Found): void {
    const { columns } = header;
    const name = sheet.name;
    const col = (key: IssueColumnKey): number | undefined => columns.get(key);
    const layout: SheetLayout = {
      name,
      headerRow: header.headerRow,
      columns: [...columns.entries()]
        .sort((a, b) => a[1] - b[1])
        .map(([key, index]) => ({
          key,
          header: headerText(sheet, header.headerRow, index),
          letter: columnLetter(index),
        })),
      unitSource: col('unit') !== undefined ? 'COLUMN' : null,
      unit: null,
      skipped: false,
    };
    this.sheets.push(layout);

    // Without a unit column the sheet is one unit's list; with one, a sheet named after a city
    // (or a title naming one) tells the city of ambiguous county names.
    let sheetUnit: AssessmentUnit | null = null;
    let sheetUnitText = '';
    let sheetCity: string | null = null;
    let sheetUnitMissing = false;
    const fromSheet = this.sheetUnit(sheet, header);
    if (col('unit') === undefined) {
      if (fromSheet.unit) {
        layout.unitSource = fromSheet.source;
        layout.unit = ref(fromSheet.unit);
        sheetUnitText = fromSheet.text;
        if (this.scope && !this.scope.has(fromSheet.unit.id)) {
          this.error(
            name,
            0,
            'unit',
            'UNIT_OUT_OF_SCOPE',
            `“${fromSheet.unit.name}”不在本次测评的被评估单位范围内`,
          );
        } else sheetUnit = fromSheet.unit;
        if (fromSheet.source === 'TITLE') {
          this.warn(
            name,
            0,
            'unit',
            'UNIT_FROM_SHEET',
            `工作表「${name}」没有“被评估单位”列，按标题“${fromSheet.text}”导入为“${fromSheet.unit.name}”的问题，请核对`,
          );
        }
      } else {
        sheetUnitMissing = true;
      }
    } else if (fromSheet.unit && fromSheet.unit.level !== 'COUNTY') {
      sheetCity = fromSheet.unit.name;
    }

    // Reported once, at the first problem with no unit (section rows may name units before it).
    let missingReported = false;
    const reportMissing = (): void => {
      if (missingReported) return;
      missingReported = true;
      const tried = this.match(name, null);
      const ambiguous = !tried.ok && tried.code === 'AMBIGUOUS' ? tried : null;
      this.error(
        name,
        0,
        'unit',
        'SHEET_UNIT_MISSING',
        `工作表「${name}」没有“被评估单位”列，工作表名称和标题也不是可识别的单位名称${
          ambiguous ? `（${ambiguous.message}）` : ''
        }：请将工作表命名为单位名称（如“瑶海区审计局”），或增加“被评估单位”列`,
        ambiguous ? { candidates: ambiguous.candidates } : {},
      );
    };
    const cityOfSheet = sheetUnit && sheetUnit.level !== 'COUNTY' ? sheetUnit.name : null;
    const previous = { unitText: '', city: '', levels: ['', '', ''] };
    const levelKeys: IssueColumnKey[] = ['level1', 'level2', 'level3'];
    const rowNumbers = sheet.rowNumbers().filter((r) => r >= header.firstRow);
    let sinceProgress = 0;
    for (const r of rowNumbers) {
      sinceProgress += 1;
      if (sinceProgress >= PROGRESS_EVERY) {
        this.done += sinceProgress;
        sinceProgress = 0;
        this.context.onProgress?.(Math.min(this.done, this.total), this.total);
      }
      const texts = rowTexts(sheet, r);
      if (texts.length === 0) continue;
      const descriptionColumn = col('description');
      const description =
        descriptionColumn === undefined ? '' : ownText(sheet, r, descriptionColumn);
      if (isFootnote(texts[0] ?? '') || isHeaderRepeat(texts)) {
        this.skippedRows += 1;
        continue;
      }
      const cell = (key: IssueColumnKey, carry: boolean): { text: string; merged: boolean } => {
        const index = col(key);
        if (index === undefined) return { text: '', merged: false };
        return carry
          ? carriedText(sheet, r, index)
          : { text: ownText(sheet, r, index), merged: false };
      };

      // Indicators: merged cells mean their value; a blank under the same parent repeats the row above.
      const levels: string[] = [];
      let levelFromAbove = false;
      let parentSame = true;
      levelKeys.forEach((key, i) => {
        if (col(key) === undefined) return;
        const value = cell(key, true);
        let text = value.text;
        if (text === '' && parentSame && previous.levels[i] !== '' && description !== '') {
          text = previous.levels[i] ?? '';
          levelFromAbove = true;
        }
        parentSame = parentSame && text === previous.levels[i];
        levels[i] = text;
      });

      if (description === '') {
        // An indicator row without a problem, or a stray row (a section title, a total).
        const onlyText = texts.length === 1;
        // A section row naming the unit of the rows below it ('一、瑶海区审计局').
        const section =
          onlyText && col('unit') === undefined
            ? this.match((texts[0] ?? '').replace(SECTION_NUMBER, ''), cityOfSheet)
            : null;
        if (section?.ok) {
          this.skippedRows += 1;
          sheetUnit = section.unit;
          sheetUnitText = texts[0] ?? '';
          sheetUnitMissing = false;
          layout.unitSource = 'SECTION_ROWS';
          layout.unit = null;
          previous.levels = ['', '', ''];
          if (this.scope && !this.scope.has(section.unit.id)) {
            this.error(
              name,
              r,
              'unit',
              'UNIT_OUT_OF_SCOPE',
              `“${section.unit.name}”不在本次测评的被评估单位范围内`,
            );
            sheetUnit = null;
          }
          continue;
        }
        if (onlyText) {
          this.skippedRows += 1;
          this.warn(name, r, '', 'ROW_SKIPPED', `“${clip(texts[0] ?? '')}”不是问题行，已跳过`);
        } else {
          this.noProblemRows += 1;
          this.rows += 1;
        }
        levelKeys.forEach((_, i) => {
          if (levels[i] !== undefined) previous.levels[i] = levels[i];
        });
        continue;
      }
      this.rows += 1;
      levelKeys.forEach((_, i) => {
        if (levels[i] !== undefined) previous.levels[i] = levels[i];
      });
      if (isNoProblem(description)) {
        this.noProblemRows += 1;
        continue;
      }
      if (levelFromAbove) {
        this.warn(name, r, 'level1', 'INDICATOR_FROM_ABOVE', '指标为空，已沿用上一行的指标');
      }

      // The unit.
      let unit: AssessmentUnit | null = sheetUnit;
      let unitText = sheetUnitText;
      if (col('unit') !== undefined) {
        const city = cell('city', true).text;
        const cityHint = city !== '' ? city : sheetCity;
        const value = cell('unit', true);
        unitText = value.text;
        if (unitText === '' && previous.unitText !== '') {
          unitText = previous.unitText;
          this.warn(name, r, 'unit', 'UNIT_FROM_ABOVE', `单位为空，已沿用上一行的“${unitText}”`);
        }
        previous.unitText = unitText;
        if (unitText === '' && fromSheet.unit) {
          // An empty unit column in a sheet named after its unit.
          unit = fromSheet.unit;
          unitText = fromSheet.text;
        } else unit = this.resolve(name, r, 'unit', unitText, cityHint ?? null);
      } else if (sheetUnitMissing) {
        unit = null;
        reportMissing();
      }

      for (const [key, limit, label] of [
        ['level1', MAX_INDICATOR_TEXT, '指标'],
        ['level2', MAX_INDICATOR_TEXT, '指标'],
        ['level3', MAX_INDICATOR_TEXT, '指标'],
      ] as const) {
        const i = levelKeys.indexOf(key);
        const text = levels[i] ?? '';
        if ([...text].length > limit) {
          this.error(name, r, key, 'TOO_LONG', `${label}不能超过 ${limit} 字`);
        }
      }
      const standard = cell('standard', true).text;
      const location = cell('location', false).text;
      const typeText = cell('type', false).text;
      const deadlineCell = col('deadline');
      const deadlineText =
        deadlineCell === undefined ? '' : carriedText(sheet, r, deadlineCell).text;
      const severityText = cell('severity', true).text;
      for (const [key, text] of [
        ['description', description],
        ['location', location],
        ['standard', standard],
      ] as const) {
        if ([...text].length > MAX_ISSUE_TEXT) {
          this.error(name, r, key, 'TOO_LONG', `内容不能超过 ${MAX_ISSUE_TEXT} 字`);
        }
      }

      // Points.
      const pointsColumn = col('points');
      let rowPoints: number | null = null;
      let pointParts: number[] | null = null;
      if (pointsColumn !== undefined) {
        const value = sheet.value(r, pointsColumn);
        const raw = ownText(sheet, r, pointsColumn);
        if (value.kind === 'number') rowPoints = Math.abs(value.value);
        else if (raw !== '' && !/^(?:无|不扣分|\/|—|-)$/.test(raw)) {
          const pieces = raw.split(/[；;、,，\s]+/).filter((p) => p !== '');
          const numbers = pieces.map(numberIn);
          if (numbers.every((n): n is number => n !== null)) {
            if (numbers.length === 1) rowPoints = numbers[0] ?? null;
            else pointParts = numbers;
          } else {
            this.error(
              name,
              r,
              'points',
              'BAD_POINTS',
              `“${clip(raw)}”不是有效的分值，请填写 0 到 100 之间的数字，如“0.5”`,
            );
          }
        }
        for (const n of [rowPoints, ...(pointParts ?? [])]) {
          if (n !== null && (!Number.isFinite(n) || n > 100)) {
            this.error(name, r, 'points', 'BAD_POINTS', `扣分应在 0 到 100 之间，文件中为 ${n}`);
            rowPoints = null;
            pointParts = null;
            break;
          }
        }
      }

      // Split the problems, and pair locations and points with them when they are split alike.
      const split =
        this.context.splitCells === false || this.keepWhole.has(`${name}\u0000${r}`)
          ? { parts: [description.trim()], by: 'NONE' as const, preamble: '' }
          : splitProblems(description);
      const parts = split.parts.length > 0 ? split.parts : [description.trim()];
      const count = parts.length;
      let locations: string[] = parts.map(() => location);
      if (count > 1 && location !== '') {
        const byLocation = splitProblems(location).parts;
        const urls = extractUrls(location);
        if (byLocation.length === count) locations = byLocation;
        else if (urls.length === count) locations = urls;
      }
      let points: Array<number | null> = parts.map((_, i) => (i === 0 ? rowPoints : null));
      if (pointParts) {
        if (pointParts.length === count) points = pointParts;
        else {
          const sum = pointParts.reduce((a, b) => a + b, 0);
          points = parts.map((_, i) => (i === 0 ? sum : null));
        }
      }
      if (count > 1) {
        this.splitRows += 1;
        this.warn(
          name,
          r,
          'description',
          'SPLIT',
          `一个单元格中有 ${count} 个问题，已拆分为 ${count} 个问题，请确认`,
        );
        if (rowPoints !== null && rowPoints > 0 && !pointParts) {
          this.warn(
            name,
            r,
            'points',
            'POINTS_ON_FIRST',
            `本行扣分 ${rowPoints} 分记在拆分后的第 1 个问题上`,
          );
        }
      }

      const indicator = levels.filter((l) => l !== '').join(' ');
      parts.forEach((part, i) => {
        const partLocation = locations[i] ?? location;
        let urls = extractUrls(partLocation);
        if (urls.length === 0) urls = extractUrls(part);
        const guess = guessIssueType(part, { indicator, location: partLocation, typeText });
        const label = assessmentIssueTypeLabel(guess.type);
        if (typeText !== '' && guess.basis !== 'EXACT') {
          this.warn(
            name,
            r,
            'type',
            'TYPE_LABEL_UNKNOWN',
            `问题类型“${clip(typeText)}”不在类型列表中，已按问题描述归为“${label}”`,
          );
        } else if (guess.basis === 'GUESSED') {
          this.warn(
            name,
            r,
            'type',
            'TYPE_GUESSED',
            `${count > 1 ? `第 ${i + 1} 个问题` : '问题'}类型按描述推断为“${label}”，请核对`,
          );
        } else if (guess.basis === 'NONE') {
          this.warn(
            name,
            r,
            'type',
            'TYPE_OTHER',
            `${count > 1 ? `第 ${i + 1} 个问题` : '问题'}无法推断类型，归为“其他”`,
          );
        }
        if (unit === null) return;
        const duplicateKey = `${unit.id}\u0000${part}`;
        if (this.seen.has(duplicateKey)) {
          this.warn(
            name,
            r,
            'description',
            'DUPLICATE',
            `“${unit.name}”的问题“${clip(part)}”在文件中出现了多次`,
          );
        }
        this.seen.add(duplicateKey);
        this.issues.push({
          sheet: name,
          row: r,
          part: i + 1,
          partCount: count,
          split: count > 1,
          unit: ref(unit),
          unitText,
          indicatorPath: levels.filter((l) => l !== ''),
          standard,
          type: guess.type,
          typeBasis: guess.basis,
          description: part,
          location: partLocation,
          urls,
          points: points[i] ?? null,
          deadlineText,
          severityText,
          sourceText: description,
        });
      });
    }
    this.done += sinceProgress;
  }

  private result(): IssueListResult {
    const byUnit = new Map<
      string,
      { unitId: string; unitName: string; issues: number; points: number }
    >();
    const byType = new Map<AssessmentIssueType, number>();
    let pointsTotal = 0;
    let splitIssues = 0;
    for (const issue of this.issues) {
      const entry = byUnit.get(issue.unit.id) ?? {
        unitId: issue.unit.id,
        unitName: issue.unit.name,
        issues: 0,
        points: 0,
      };
      entry.issues += 1;
      entry.points = round(entry.points + (issue.points ?? 0));
      byUnit.set(issue.unit.id, entry);
      byType.set(issue.type, (byType.get(issue.type) ?? 0) + 1);
      pointsTotal = round(pointsTotal + (issue.points ?? 0));
      if (issue.split) splitIssues += 1;
    }
    const order = (a: { sheet: string; row: number }, b: { sheet: string; row: number }): number =>
      this.sheetIndex(a.sheet) - this.sheetIndex(b.sheet) || a.row - b.row;
    const errors = [...this.errors].sort(order);
    const warnings = [...this.warnings].sort(order);
    return {
      ok: errors.length === 0 && this.issues.length > 0,
      issues: this.issues,
      errors,
      warnings,
      sheets: this.sheets,
      summary: {
        sheets: this.sheets.filter((s) => !s.skipped).length,
        rows: this.rows,
        issues: this.issues.length,
        splitRows: this.splitRows,
        splitIssues,
        noProblemRows: this.noProblemRows,
        skippedRows: this.skippedRows,
        typeGuessed: this.issues.filter((i) => i.typeBasis === 'GUESSED').length,
        typeOther: this.issues.filter((i) => i.type === 'OTHER').length,
        pointsTotal,
        errors: errors.length,
        warnings: warnings.length,
        byUnit: [...byUnit.values()],
        byType: [...byType.entries()].map(([type, issues]) => ({ type, issues })),
      },
    };
  }

  private sheetIndex(name: string): number {
    if (name === '') return -1;
    return this.grid.sheets.findIndex((s) => s.name === name);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : text;
}

/** Parses the reader's grid (already read): for callers that read the file themselves. */
export function parseIssueListGrid(grid: WorkbookGrid, context: IssueListContext): IssueListResult {
  return new IssueListReader(grid, context).read();
}

function fileFailure(message: string): IssueListResult {
  const error: IssueListError = { sheet: '', row: 0, column: '', code: 'BAD_FILE', message };
  return {
    ok: false,
    issues: [],
    errors: [error],
    warnings: [],
    sheets: [],
    summary: {
      sheets: 0,
      rows: 0,
      issues: 0,
      splitRows: 0,
      splitIssues: 0,
      noProblemRows: 0,
      skippedRows: 0,
      typeGuessed: 0,
      typeOther: 0,
      pointsTotal: 0,
      errors: 1,
      warnings: 0,
      byUnit: [],
      byType: [],
    },
  };
}

/**
 * Reads an assessor's issue list (.xlsx) with the guarded reader (worker thread, size, ZIP-bomb,
 * row and merge limits) and parses it. Never throws for a bad file: a file the reader refuses
 * gives one BAD_FILE error with the reader's Chinese message.
 */
export async function parseIssueList(
  buffer: Uint8Array,
  context: IssueListContext,
): Promise<IssueListResult> {
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbook(buffer, context.limits);
  } catch (error) {
    if (error instanceof WorkbookReadError) return fileFailure(error.message);
    return fileFailure('无法读取 Excel 文件内容，文件可能已损坏，请在 Excel 中另存为 .xlsx 后重试');
  }
  if (grid.sheets.length === 0) return fileFailure('文件中没有工作表');
  return parseIssueListGrid(grid, context);
}
