/**
 * The official document layout of GB/T 9704-2012 (党政机关公文格式), in one place.
 *
 * Every generated document (通报, 催办函, 年度报告, 学时证明) takes its page, fonts and sizes
 * from here; a change of house style is a change of this object only.
 */

/** Chinese font sizes (字号) in points. */
export const ZIHAO = {
  '2': 22,
  '3': 16,
  '4': 14,
  small4: 12,
  '5': 10.5,
} as const;

export interface OfficialFont {
  /** The font the standard names (what Word on an office PC has). */
  name: string;
  /** What to use where it is missing (recorded in the document's font table as the alternative). */
  fallback: string;
}

export const OFFICIAL_LAYOUT = {
  page: {
    /** A4 (GB/T 148). */
    widthMm: 210,
    heightMm: 297,
    /** 天头 37 mm, 订口 28 mm; the text block (版心) is 156 mm × 225 mm, so 35 mm below and 26 mm right. */
    margins: { top: 37, bottom: 35, left: 28, right: 26 },
    /** The page number's top edge sits 7 mm below the text block. */
    pageNumberGapMm: 7,
  },
  grid: {
    /** 每面排 22 行，每行排 28 个字. */
    linesPerPage: 22,
    charsPerLine: 28,
  },
  fonts: {
    /** 标题: 2号小标宋体. */
    title: { name: '方正小标宋简体', fallback: '宋体' },
    /** 正文: 3号仿宋体. */
    body: { name: '仿宋_GB2312', fallback: '仿宋' },
    /** 一级标题 (一、): 黑体. */
    heading1: { name: '黑体', fallback: '黑体' },
    /** 二级标题 (（一）): 楷体. */
    heading2: { name: '楷体_GB2312', fallback: '楷体' },
    /** 页码: 4号半角宋体阿拉伯数字. */
    pageNumber: { name: '宋体', fallback: '宋体' },
    /** Latin text and digits inside Chinese runs. */
    latin: { name: 'Times New Roman', fallback: 'Times New Roman' },
  } satisfies Record<string, OfficialFont>,
  sizes: {
    title: ZIHAO['2'],
    body: ZIHAO['3'],
    pageNumber: ZIHAO['4'],
    table: ZIHAO['4'],
    tableSmall: ZIHAO['5'],
    letterhead: 36,
  },
  colors: {
    /** 版头 in red (发文机关标志 and the separator line). */
    letterhead: 'E60012',
  },
  /** Blank lines between the last paragraph and the issuing organ (room for the seal). */
  linesBeforeSignature: 2,
  /** 成文日期右空四字. */
  dateRightIndentChars: 4,
} as const;

const TWIPS_PER_MM = 1440 / 25.4;

export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

export function twipsToMm(twips: number): number {
  return Math.round((twips / TWIPS_PER_MM) * 10) / 10;
}

/** Geometry derived from the layout: the text block and the line and character pitch. */
export function layoutGeometry(layout = OFFICIAL_LAYOUT) {
  const { page, grid } = layout;
  const textWidthMm = page.widthMm - page.margins.left - page.margins.right;
  const textHeightMm = page.heightMm - page.margins.top - page.margins.bottom;
  const linePitchTwips = Math.floor(mmToTwips(textHeightMm) / grid.linesPerPage);
  const charPitchTwips = mmToTwips(textWidthMm) / grid.charsPerLine;
  // OOXML's w:docGrid/@w:charSpace: extra pitch per character over the default font size,
  // in 1/4096 of a point (negative: a 3号 character is a little wider than 156 mm / 28).
  const charSpace = Math.round((charPitchTwips / 20 - layout.sizes.body) * 4096);
  return {
    /** w:spacing of a 3号 run (twips, negative) so that 28 characters fill the 156 mm line. */
    bodyCharacterSpacing: Math.floor(charPitchTwips - layout.sizes.body * 20),
    textWidthMm,
    textHeightMm,
    textWidthTwips: mmToTwips(textWidthMm),
    linePitchTwips,
    charPitchTwips,
    charSpace,
    /** Distance from the page's bottom edge to the footer (page number) line. */
    footerTwips:
      mmToTwips(page.margins.bottom - page.pageNumberGapMm) - layout.sizes.pageNumber * 20,
  };
}

/** 成文日期: Arabic numerals, no leading zeros (2025年10月5日). */
export function officialDate(value: string | Date): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  }
  // Dates are calendar days in China Standard Time whatever the server's zone.
  const cst = new Date(value.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
}
