/**
 * An indicator system (指标体系) from Excel: the tree of 一级/二级/三级 indicators with points,
 * evaluation standards (评价标准) and veto items (单项否决).
 *
 * Real systems come as one row per lowest indicator, higher levels merged down (or left blank
 * under the same parent), points in one 分值 column for the lowest level or written into the
 * name ("依申请公开（20分）"), sometimes with their own 一级/二级指标分值 columns, and a 合计 row
 * at the bottom. Points of a higher indicator not given are the sum of its children; given ones
 * are checked against that sum, and the total against 100 (warnings: systems with deductions or
 * bonuses legitimately differ).
 */
import {
  readWorkbook,
  WorkbookReadError,
  type Sheet,
  type WorkbookGrid,
  type WorkbookLimits,
} from '@sunshine/api/plan-excel';
import {
  INDICATOR_COLUMNS,
  headerOf,
  indicatorColumnFor,
  type IndicatorColumnKey,
} from './columns';
import { carriedText, isFootnote, numberIn, ownText, rowTexts } from './sheet-cells';
import type { IssueListProblem } from './types';

export type IndicatorErrorCode =
  'BAD_FILE' | 'MISSING_HEADER' | 'NO_INDICATORS' | 'PARENT_MISSING' | 'BAD_POINTS' | 'TOO_LONG';

export type IndicatorWarningCode =
  /** The total of the 一级指标 is not 100. */
  | 'TOTAL_NOT_100'
  /** A 合计 row states another total than the indicators add up to. */
  | 'TOTAL_ROW_MISMATCH'
  /** An indicator's points differ from the sum of its children's. */
  | 'POINTS_MISMATCH'
  /** A lowest-level indicator without points. */
  | 'POINTS_MISSING'
  /** Marked 单项否决 from its text ("…实行单项否决"), not from a 单项否决 column. */
  | 'VETO_FROM_TEXT'
  /** The same indicator on several rows: standards joined, points added. */
  | 'INDICATOR_REPEATED';

export type IndicatorProblem = IssueListProblem<IndicatorErrorCode>;
export type IndicatorWarning = IssueListProblem<IndicatorWarningCode>;

export interface IndicatorNode {
  /** Position in the tree: '1', '1.2', '1.2.3'. */
  code: string;
  level: 1 | 2 | 3;
  name: string;
  /** Points: as given, or the sum of the children's; null for a leaf without points. */
  points: number | null;
  /** The points were written in the file (not summed). */
  pointsGiven: boolean;
  /** 评价标准 ('' when none). */
  standard: string;
  /** 单项否决: failing it fails the unit whatever its points. */
  veto: boolean;
  /** First Excel row of the indicator. */
  row: number;
  children: IndicatorNode[];
}

export interface IndicatorSystemResult {
  ok: boolean;
  indicators: IndicatorNode[];
  /** Sum of the 一级指标's points. */
  total: number;
  /** Lowest-level indicators, and those of them that are veto items. */
  leafCount: number;
  vetoCount: number;
  sheet: string;
  headerRow: number;
  errors: IndicatorProblem[];
  warnings: IndicatorWarning[];
}

const MAX_NAME = 200;
const MAX_STANDARD = 2000;
const HEADER_SEARCH_ROWS = 15;
const INLINE_POINTS = /^(.*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$/;
const VETO_CELL = /^(?:是|√|✓|✔|y|yes|true|1|否决|单项否决|一票否决|否决项)$/i;
const VETO_TEXT = /单项否决|一票否决|实行否决/;
const TOTAL_ROW = /^(?:合计|总计|总分|小计|合\s*计|总\s*计)$/;

const LEVEL_KEYS = ['level1', 'level2', 'level3'] as const;
const LEVEL_POINT_KEYS: Partial<Record<0 | 1 | 2, IndicatorColumnKey>> = {
  0: 'level1Points',
  1: 'level2Points',
};

interface Header {
  sheet: Sheet;
  row: number;
  columns: Map<IndicatorColumnKey, number>;
}

function findHeader(grid: WorkbookGrid): Header | null {
  for (const sheet of grid.sheets) {
    const last = Math.min(HEADER_SEARCH_ROWS, sheet.rowCount);
    for (let r = 1; r <= last; r += 1) {
      const columns = new Map<IndicatorColumnKey, number>();
      for (let c = 1; c <= Math.min(sheet.columnCount(r), 40); c += 1) {
        const text = ownText(sheet, r, c) || carriedText(sheet, r, c).text;
        const key = indicatorColumnFor(text);
        if (key !== null && !columns.has(key)) columns.set(key, c);
      }
      if (columns.has('level1') && columns.size >= 2) return { sheet, row: r, columns };
    }
  }
  return null;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function sumOf(nodes: IndicatorNode[]): number {
  return round(nodes.reduce((sum, n) => sum + (n.points ?? 0), 0));
}

class IndicatorReader {
  readonly errors: IndicatorProblem[] = [];
  readonly warnings: IndicatorWarning[] = [];
  private readonly roots: IndicatorNode[] = [];
  private readonly byPath = new Map<string, IndicatorNode>();
  private readonly given = new Map<IndicatorNode, number>();
  private statedTotal: { row: number; value: number } | null = null;

  constructor(private readonly header: Header) {}

  private problem<C extends string>(
    row: number,
    key: IndicatorColumnKey | '',
    code: C,
    detail: string,
  ): IssueListProblem<C> {
    const column = key === '' ? '' : headerOf(INDICATOR_COLUMNS, key);
    const where = `${row > 0 ? `第 ${row} 行` : ''}${column ? `「${column}」` : ''}`;
    return {
      sheet: this.header.sheet.name,
      row,
      column,
      code,
      message: where ? `${where}：${detail}` : detail,
    };
  }

  private error(
    row: number,
    key: IndicatorColumnKey | '',
    code: IndicatorErrorCode,
    detail: string,
  ) {
    this.errors.push(this.problem(row, key, code, detail));
  }

  private warn(
    row: number,
    key: IndicatorColumnKey | '',
    code: IndicatorWarningCode,
    detail: string,
  ) {
    this.warnings.push(this.problem(row, key, code, detail));
  }

  private points(row: number, key: IndicatorColumnKey, text: string): number | null {
    if (text === '') return null;
    const value = numberIn(text);
    if (value === null || value > 100) {
      this.error(row, key, 'BAD_POINTS', `“${text}”不是有效的分值，请填写 0 到 100 之间的数字`);
      return null;
    }
    return value;
  }

  read(): IndicatorSystemResult {
    const { sheet, columns } = this.header;
    const col = (key: IndicatorColumnKey) => columns.get(key);
    const previous: string[] = ['', '', ''];
    const rows = sheet.rowNumbers().filter((r) => r > this.header.row);
    for (const r of rows) {
      const texts = rowTexts(sheet, r);
      if (texts.length === 0 || isFootnote(texts[0] ?? '')) continue;
      if (texts.filter((t) => indicatorColumnFor(t) !== null).length >= 2) continue;
      const firstText = (texts[0] ?? '').replace(/\s+/g, '');
      if (TOTAL_ROW.test(firstText)) {
        const pointsColumn = col('points') ?? col('level1Points');
        const stated =
          pointsColumn === undefined ? null : numberIn(ownText(sheet, r, pointsColumn));
        if (stated !== null) this.statedTotal = { row: r, value: stated };
        continue;
      }
      // The row's path: merged cells mean their master; a blank under the same parent repeats it.
      const path: Array<{ name: string; inline: number | null }> = [];
      let sameParent = true;
      for (let level = 0; level < 3; level += 1) {
        const index = col(LEVEL_KEYS[level] as IndicatorColumnKey);
        if (index === undefined) break;
        let text = carriedText(sheet, r, index).text;
        const deeper = LEVEL_KEYS.slice(level + 1).some((key) => {
          const at = col(key);
          return at !== undefined && carriedText(sheet, r, at).text !== '';
        });
        if (text === '' && sameParent && (level === 0 || deeper)) text = previous[level] ?? '';
        sameParent = sameParent && text !== '' && text === previous[level];
        if (text === '') break;
        const inline = INLINE_POINTS.exec(text);
        const name = (inline?.[1] ?? text).trim();
        if ([...name].length > MAX_NAME) {
          this.error(
            r,
            LEVEL_KEYS[level] as IndicatorColumnKey,
            'TOO_LONG',
            `指标名称不能超过 ${MAX_NAME} 字`,
          );
        }
        path.push({ name, inline: inline?.[2] === undefined ? null : Number(inline[2]) });
      }
      // A lower level given without its parent.
      for (let level = path.length + 1; level < 3; level += 1) {
        const index = col(LEVEL_KEYS[level] as IndicatorColumnKey);
        if (index !== undefined && ownText(sheet, r, index) !== '') {
          this.error(
            r,
            LEVEL_KEYS[level] as IndicatorColumnKey,
            'PARENT_MISSING',
            '缺少所属的上级指标',
          );
        }
      }
      if (path.length === 0) continue;
      for (let level = 0; level < 3; level += 1) previous[level] = path[level]?.name ?? '';

      // Create or find the nodes along the path.
      let siblings = this.roots;
      let node: IndicatorNode | null = null;
      let created = false;
      path.forEach((step, level) => {
        const key = path
          .slice(0, level + 1)
          .map((p) => p.name)
          .join('\u0000');
        let found = this.byPath.get(key);
        created = false;
        if (!found) {
          const parentCode = node ? `${node.code}.` : '';
          found = {
            code: `${parentCode}${siblings.length + 1}`,
            level: (level + 1) as 1 | 2 | 3,
            name: step.name,
            points: null,
            pointsGiven: false,
            standard: '',
            veto: false,
            row: r,
            children: [],
          };
          siblings.push(found);
          this.byPath.set(key, found);
          created = true;
        }
        if (step.inline !== null) this.given.set(found, step.inline);
        const ownPointsKey = LEVEL_POINT_KEYS[level as 0 | 1];
        const ownPointsColumn = ownPointsKey ? col(ownPointsKey) : undefined;
        if (ownPointsKey && ownPointsColumn !== undefined) {
          const cell = carriedText(sheet, r, ownPointsColumn);
          const value = this.points(r, ownPointsKey, cell.merged ? '' : cell.text);
          if (value !== null) this.given.set(found, value);
        }
        node = found;
        siblings = found.children;
      });
      const leaf = node as IndicatorNode | null;
      if (!leaf) continue;
      const standardColumn = col('standard');
      const standard =
        standardColumn === undefined ? '' : carriedText(sheet, r, standardColumn).text;
      if ([...standard].length > MAX_STANDARD) {
        this.error(r, 'standard', 'TOO_LONG', `评价标准不能超过 ${MAX_STANDARD} 字`);
      }
      const pointsColumn = col('points');
      const leafPoints =
        pointsColumn === undefined
          ? null
          : this.points(r, 'points', ownText(sheet, r, pointsColumn));
      if (!created) {
        this.warn(
          r,
          LEVEL_KEYS[path.length - 1] as IndicatorColumnKey,
          'INDICATOR_REPEATED',
          `指标“${leaf.name}”在多行出现，已合并其评价标准和分值`,
        );
        if (standard !== '' && !leaf.standard.split('\n').includes(standard)) {
          leaf.standard = leaf.standard === '' ? standard : `${leaf.standard}\n${standard}`;
        }
        if (leafPoints !== null)
          this.given.set(leaf, round((this.given.get(leaf) ?? 0) + leafPoints));
      } else {
        leaf.standard = standard;
        if (leafPoints !== null) this.given.set(leaf, leafPoints);
      }
      const vetoColumn = col('veto');
      const vetoText = vetoColumn === undefined ? '' : carriedText(sheet, r, vetoColumn).text;
      if (VETO_CELL.test(vetoText.replace(/\s+/g, ''))) leaf.veto = true;
      else if (VETO_TEXT.test(standard) || VETO_TEXT.test(leaf.name)) {
        if (!leaf.veto) {
          this.warn(
            r,
            'standard',
            'VETO_FROM_TEXT',
            `“${leaf.name}”按评价标准中的“单项否决”字样标为单项否决项，请核对`,
          );
        }
        leaf.veto = true;
      }
    }
    return this.finish();
  }

  private settle(nodes: IndicatorNode[]): void {
    for (const node of nodes) {
      this.settle(node.children);
      const given = this.given.get(node);
      if (node.children.length === 0) {
        node.points = given ?? null;
        node.pointsGiven = given !== undefined;
        if (given === undefined && !node.veto) {
          this.warn(node.row, 'points', 'POINTS_MISSING', `指标“${node.name}”没有分值`);
        }
        continue;
      }
      const sum = sumOf(node.children);
      if (given !== undefined) {
        node.points = given;
        node.pointsGiven = true;
        if (node.children.every((c) => c.points !== null) && Math.abs(sum - given) > 0.001) {
          this.warn(
            node.row,
            '',
            'POINTS_MISMATCH',
            `指标“${node.name}”为 ${given} 分，其下级指标合计 ${sum} 分`,
          );
        }
      } else {
        node.points = sum;
      }
    }
  }

  private finish(): IndicatorSystemResult {
    this.settle(this.roots);
    const total = sumOf(this.roots);
    if (this.roots.length === 0) {
      this.error(0, '', 'NO_INDICATORS', '文件中没有指标');
    } else {
      if (Math.abs(total - 100) > 0.001) {
        this.warn(0, '', 'TOTAL_NOT_100', `一级指标合计 ${total} 分，不是 100 分，请核对`);
      }
      if (this.statedTotal && Math.abs(this.statedTotal.value - total) > 0.001) {
        this.warn(
          this.statedTotal.row,
          '',
          'TOTAL_ROW_MISMATCH',
          `合计行为 ${this.statedTotal.value} 分，各指标相加为 ${total} 分`,
        );
      }
    }
    const leaves: IndicatorNode[] = [];
    const walk = (nodes: IndicatorNode[]): void =>
      nodes.forEach((n) => (n.children.length === 0 ? leaves.push(n) : walk(n.children)));
    walk(this.roots);
    const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
    return {
      ok: this.errors.length === 0 && this.roots.length > 0,
      indicators: this.roots,
      total,
      leafCount: leaves.length,
      vetoCount: leaves.filter((l) => l.veto).length,
      sheet: this.header.sheet.name,
      headerRow: this.header.row,
      errors: [...this.errors].sort(byRow),
      warnings: [...this.warnings].sort(byRow),
    };
  }
}

function failure(code: IndicatorErrorCode, message: string): IndicatorSystemResult {
  return {
    ok: false,
    indicators: [],
    total: 0,
    leafCount: 0,
    vetoCount: 0,
    sheet: '',
    headerRow: 0,
    errors: [{ sheet: '', row: 0, column: '', code, message }],
    warnings: [],
  };
}

/** Parses the reader's grid: the first sheet with an indicator header. */
export function parseIndicatorSystemGrid(grid: WorkbookGrid): IndicatorSystemResult {
  const header = findHeader(grid);
  if (!header) {
    return failure(
      'MISSING_HEADER',
      '没有找到指标体系的表头：表头应在前 15 行内，至少包含“一级指标”和“分值”（或“二级指标”“评价标准”）列',
    );
  }
  return new IndicatorReader(header).read();
}

/**
 * Reads an indicator system (.xlsx) with the guarded reader and parses it. Never throws for a
 * bad file: a refused file gives one BAD_FILE error with the reader's Chinese message.
 */
export async function parseIndicatorSystem(
  buffer: Uint8Array,
  options: { limits?: Partial<WorkbookLimits> } = {},
): Promise<IndicatorSystemResult> {
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbook(buffer, options.limits);
  } catch (error) {
    if (error instanceof WorkbookReadError) return failure('BAD_FILE', error.message);
    return failure(
      'BAD_FILE',
      '无法读取 Excel 文件内容，文件可能已损坏，请在 Excel 中另存为 .xlsx 后重试',
    );
  }
  return parseIndicatorSystemGrid(grid);
}
