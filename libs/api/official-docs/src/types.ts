/** A cell: plain text or a number, or text with a span and alignment (HTML semantics for spans). */
export type OfficialCell =
  | string
  | number
  | {
      text: string | number;
      colSpan?: number;
      rowSpan?: number;
      align?: 'left' | 'center' | 'right';
      bold?: boolean;
    };

export interface OfficialTable {
  kind: 'table';
  /** Centred above the table in 黑体. */
  caption?: string;
  /** Header rows (repeated on every page). */
  header: OfficialCell[][];
  rows: OfficialCell[][];
  /** Relative column widths; equal when left out. */
  columnWidths?: number[];
  /** 'normal': 4号; 'small': 5号 for wide tables. */
  fontSize?: 'normal' | 'small';
}

export type OfficialBlock =
  /** 1: 一、 in 黑体; 2: （一） in 楷体; 3: 1. in 仿宋 bold; 4: (1) in 仿宋. The caller writes the number. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  /** Body text, justified with a two-character first-line indent unless aligned; '\n' starts a new paragraph. */
  | {
      kind: 'paragraph';
      text: string;
      indent?: boolean;
      align?: 'left' | 'center' | 'right';
      bold?: boolean;
    }
  | OfficialTable
  | { kind: 'pageBreak' }
  /** Extra right-aligned lines (e.g. 联系人、电话). */
  | { kind: 'signature'; lines: string[] };

export interface OfficialDocument {
  /** 2号小标宋, centred; '\n' for a title over several lines. */
  title: string;
  /** 发文机关标志 in red above a red line (版头); left out for letters without a letterhead. */
  letterhead?: string;
  /** 发文字号, e.g. 皖审办〔2025〕12号. */
  documentNumber?: string;
  /** 主送机关, e.g. 各市审计局： */
  recipients?: string;
  blocks: OfficialBlock[];
  /** 发文机关署名, centred over the date at the end. */
  issuer?: string;
  /** 成文日期: a Date or an ISO day (YYYY-MM-DD), written 2025年10月15日. */
  date?: string | Date;
  /** "— 1 —" at the foot, odd pages right, even pages left (default true). */
  pageNumbers?: boolean;
}
