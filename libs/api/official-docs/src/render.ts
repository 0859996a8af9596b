import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { layoutGeometry, OFFICIAL_LAYOUT, officialDate, type OfficialFont } from './layout';
import type { OfficialBlock, OfficialCell, OfficialDocument, OfficialTable } from './types';

type Layout = typeof OFFICIAL_LAYOUT;
type Align = 'left' | 'center' | 'right';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.BOTH,
} as const;

interface RunStyle {
  font: OfficialFont;
  sizePt: number;
  bold?: boolean;
  color?: string;
}

/**
 * Renders a document in the GB/T 9704-2012 layout as .docx bytes.
 *
 * Tables follow HTML semantics for merged cells: a cell with `rowSpan` covers the cells below
 * it, and the rows underneath leave that column out.
 */
export async function renderOfficialDocument(
  doc: OfficialDocument,
  layout: Layout = OFFICIAL_LAYOUT,
): Promise<Buffer> {
  const g = layoutGeometry(layout);
  const r = new Renderer(layout, g);
  const children: (Paragraph | Table)[] = [];

  if (doc.letterhead) children.push(...r.letterhead(doc.letterhead, doc.documentNumber));
  else if (doc.documentNumber) children.push(r.line(doc.documentNumber, 'center', r.bodyStyle()));
  if (doc.letterhead || doc.documentNumber) children.push(r.blank());

  children.push(...r.title(doc.title));
  children.push(r.blank());
  if (doc.recipients) children.push(r.line(doc.recipients, 'left', r.bodyStyle()));

  for (const block of doc.blocks) children.push(...r.block(block));

  if (doc.issuer || doc.date) children.push(...r.signature(doc.issuer, doc.date));

  const document = new Document({
    creator: doc.issuer ?? 'Sunshine',
    title: doc.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: doc.pageNumbers !== false,
    styles: {
      default: {
        document: {
          run: { size: layout.sizes.body * 2, font: r.fontOf(layout.fonts.body) },
          paragraph: { spacing: { line: g.linePitchTwips, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: r.mm(layout.page.widthMm), height: r.mm(layout.page.heightMm) },
            margin: {
              top: r.mm(layout.page.margins.top),
              bottom: r.mm(layout.page.margins.bottom),
              left: r.mm(layout.page.margins.left),
              right: r.mm(layout.page.margins.right),
              footer: g.footerTwips,
              header: r.mm(15),
            },
          },
          // A line grid only: the 28 characters per line come from the body runs' character
          // spacing, which Word and LibreOffice both honour (LibreOffice misreads a char grid).
          grid: { type: DocumentGridType.LINES, linePitch: g.linePitchTwips },
        },
        footers:
          doc.pageNumbers === false
            ? undefined
            : { default: r.pageNumber('right'), even: r.pageNumber('left') },
        children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(document);
  return withFontFallbacks(bytes, Object.values(layout.fonts));
}

class Renderer {
  constructor(
    private readonly layout: Layout,
    private readonly g: ReturnType<typeof layoutGeometry>,
  ) {}

  mm(value: number): number {
    return Math.round((value * 1440) / 25.4);
  }

  fontOf(font: OfficialFont) {
    const latin = this.layout.fonts.latin.name;
    return { eastAsia: font.name, ascii: latin, hAnsi: latin, cs: latin };
  }

  bodyStyle(extra: Partial<RunStyle> = {}): RunStyle {
    return { font: this.layout.fonts.body, sizePt: this.layout.sizes.body, ...extra };
  }

  run(text: string, style: RunStyle): TextRun {
    return new TextRun({
      text,
      font: this.fontOf(style.font),
      size: Math.round(style.sizePt * 2),
      bold: style.bold,
      color: style.color,
      characterSpacing:
        style.sizePt === this.layout.sizes.body ? this.g.bodyCharacterSpacing : undefined,
    });
  }

  chars(n: number): number {
    return Math.round(n * this.g.charPitchTwips);
  }

  exact(sizePt: number): {
    line: number;
    lineRule: typeof LineRuleType.EXACT;
    before: number;
    after: number;
  } {
    const line = Math.max(this.g.linePitchTwips, Math.round(sizePt * 20 * 1.3));
    return { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  }

  line(
    text: string,
    align: Align,
    style: RunStyle,
    indent?: { firstLine?: number; right?: number; left?: number },
    keepNext = false,
  ): Paragraph {
    return new Paragraph({
      keepNext,
      alignment: ALIGN[align],
      spacing: this.exact(style.sizePt),
      indent,
      children: [this.run(text, style)],
    });
  }

  blank(): Paragraph {
    return new Paragraph({ spacing: this.exact(this.layout.sizes.body), children: [] });
  }

  letterhead(organ: string, documentNumber?: string): Paragraph[] {
    const { fonts, sizes, colors } = this.layout;
    const head = new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: {
        line: Math.round(sizes.letterhead * 20 * 1.5),
        lineRule: LineRuleType.EXACT,
        before: 0,
        after: 0,
      },
      children: [
        this.run(organ, { font: fonts.title, sizePt: sizes.letterhead, color: colors.letterhead }),
      ],
    });
    const separator = new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: this.exact(sizes.body),
      border: {
        bottom: { style: BorderStyle.SINGLE, size: 12, color: colors.letterhead, space: 4 },
      },
      children: documentNumber ? [this.run(documentNumber, this.bodyStyle())] : [],
    });
    return [head, this.blank(), separator];
  }

  title(title: string): Paragraph[] {
    const style: RunStyle = { font: this.layout.fonts.title, sizePt: this.layout.sizes.title };
    return title.split('\n').map((line) => this.line(line, 'center', style));
  }

  block(block: OfficialBlock): (Paragraph | Table)[] {
    const { fonts, sizes } = this.layout;
    switch (block.kind) {
      case 'heading': {
        const font =
          block.level === 1 ? fonts.heading1 : block.level === 2 ? fonts.heading2 : fonts.body;
        const style: RunStyle = { font, sizePt: sizes.body, bold: block.level === 3 };
        // A heading never ends a page: it stays with what follows.
        return [this.line(block.text, 'left', style, { firstLine: this.chars(2) }, true)];
      }
      case 'paragraph':
        return block.text.split('\n').map(
          (text) =>
            new Paragraph({
              alignment: block.align ? ALIGN[block.align] : ALIGN.both,
              spacing: this.exact(sizes.body),
              indent:
                block.indent === false || block.align ? undefined : { firstLine: this.chars(2) },
              children: [this.run(text, this.bodyStyle({ bold: block.bold }))],
            }),
        );
      case 'table':
        return this.table(block);
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
      case 'signature':
        return block.lines.map((text) =>
          this.line(text, 'right', this.bodyStyle(), { right: this.chars(4) }),
        );
    }
  }

  table(table: OfficialTable): (Paragraph | Table)[] {
    const sizePt =
      table.fontSize === 'small' ? this.layout.sizes.tableSmall : this.layout.sizes.table;
    const columnCount = countColumns(table.header[0] ?? table.rows[0] ?? []);
    const relative = table.columnWidths ?? Array.from({ length: columnCount }, () => 1);
    const total = relative.reduce((s, w) => s + w, 0);
    const widths = relative.map((w) => Math.floor((w / total) * this.g.textWidthTwips));
    const out: (Paragraph | Table)[] = [];
    if (table.caption) {
      out.push(
        this.line(table.caption, 'center', {
          font: this.layout.fonts.heading1,
          sizePt: this.layout.sizes.table,
        }),
      );
    }
    const cellLine = {
      line: Math.round(sizePt * 20 * 1.25),
      lineRule: LineRuleType.EXACT,
      before: 40,
      after: 40,
    };
    const makeRows = (rows: OfficialCell[][], header: boolean) =>
      layoutRows(rows).map(
        (cells) =>
          new TableRow({
            tableHeader: header,
            cantSplit: true,
            children: cells.map(({ cell, column }) => {
              const c = normalise(cell);
              const span = c.colSpan ?? 1;
              const width = widths.slice(column, column + span).reduce((s, w) => s + w, 0);
              const style: RunStyle = {
                font: header ? this.layout.fonts.heading1 : this.layout.fonts.body,
                sizePt,
                bold: c.bold,
              };
              const numeric = typeof c.text === 'number' || /^[-+]?[\d.,]+%?$/.test(String(c.text));
              const align = c.align ?? (header || numeric ? 'center' : 'left');
              return new TableCell({
                columnSpan: span > 1 ? span : undefined,
                rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
                verticalAlign: VerticalAlign.CENTER,
                width: { size: width, type: WidthType.DXA },
                margins: { left: 80, right: 80 },
                children: String(c.text)
                  .split('\n')
                  .map(
                    (text) =>
                      new Paragraph({
                        alignment: ALIGN[align],
                        spacing: cellLine,
                        children: [this.run(text, style)],
                      }),
                  ),
              });
            }),
          }),
      );
    out.push(
      new Table({
        width: { size: this.g.textWidthTwips, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows: [...makeRows(table.header, true), ...makeRows(table.rows, false)],
      }),
    );
    // A table may not end a document or touch the next table in Word: keep a paragraph after it.
    out.push(new Paragraph({ spacing: this.exact(sizePt), children: [] }));
    return out;
  }

  signature(issuer: string | undefined, date: string | Date | undefined): Paragraph[] {
    const out: Paragraph[] = [];
    for (let i = 0; i < this.layout.linesBeforeSignature; i++) out.push(this.blank());
    const dateText = date ? officialDate(date) : '';
    let dateRight: number = this.layout.dateRightIndentChars;
    let issuerRight: number = dateRight;
    if (issuer && dateText) {
      // 发文机关署名 is centred over the date; a long name moves the date left instead.
      issuerRight = dateRight + (textWidth(dateText) - textWidth(issuer)) / 2;
      if (issuerRight < 2) {
        issuerRight = 2;
        dateRight = 2 + (textWidth(issuer) - textWidth(dateText)) / 2;
      }
    }
    if (issuer)
      out.push(this.line(issuer, 'right', this.bodyStyle(), { right: this.chars(issuerRight) }));
    if (dateText)
      out.push(this.line(dateText, 'right', this.bodyStyle(), { right: this.chars(dateRight) }));
    return out;
  }

  pageNumber(side: 'left' | 'right'): Footer {
    const style: RunStyle = {
      font: this.layout.fonts.pageNumber,
      sizePt: this.layout.sizes.pageNumber,
    };
    const font = this.fontOf(style.font);
    const size = style.sizePt * 2;
    return new Footer({
      children: [
        new Paragraph({
          alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'right' ? { right: this.chars(1) } : { left: this.chars(1) },
          children: [
            new TextRun({ text: '— ', font, size }),
            new TextRun({ children: [PageNumber.CURRENT], font, size }),
            new TextRun({ text: ' —', font, size }),
          ],
        }),
      ],
    });
  }
}

function normalise(cell: OfficialCell): Exclude<OfficialCell, string | number> {
  return typeof cell === 'object' ? cell : { text: cell };
}

function countColumns(row: OfficialCell[]): number {
  return row.reduce<number>((n, cell) => n + (normalise(cell).colSpan ?? 1), 0);
}

/** Assigns each cell its starting column, skipping the columns covered by row spans from above. */
export function layoutRows(rows: OfficialCell[][]): { cell: OfficialCell; column: number }[][] {
  const remaining = new Map<number, number>(); // column -> rows below still covered by a span
  return rows.map((row) => {
    const coveredNow = new Set<number>();
    for (const [column, left] of remaining) {
      coveredNow.add(column);
      if (left <= 1) remaining.delete(column);
      else remaining.set(column, left - 1);
    }
    const placed: { cell: OfficialCell; column: number }[] = [];
    let column = 0;
    for (const cell of row) {
      while (coveredNow.has(column)) column++;
      const c = normalise(cell);
      const span = c.colSpan ?? 1;
      placed.push({ cell, column });
      if ((c.rowSpan ?? 1) > 1)
        for (let k = 0; k < span; k++) remaining.set(column + k, (c.rowSpan ?? 1) - 1);
      column += span;
    }
    return placed;
  });
}

/** Display width in Chinese characters: full-width 1, ASCII (digits, Latin) ½. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return width;
}

/** Records each font's fallback as its alternative name in word/fontTable.xml. */
async function withFontFallbacks(bytes: Buffer, fonts: OfficialFont[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const path = 'word/fontTable.xml';
  const xml = (await zip.file(path)?.async('string')) ?? null;
  if (xml === null) return bytes;
  const seen = new Set<string>();
  const entries = fonts
    .filter((f) => !seen.has(f.name) && seen.add(f.name))
    .filter((f) => !xml.includes(`w:name="${f.name}"`))
    .map(
      (f) =>
        `<w:font w:name="${f.name}">${f.fallback !== f.name ? `<w:altName w:val="${f.fallback}"/>` : ''}` +
        `<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  const closed = /<w:fonts\b[^>]*\/>/.test(xml)
    ? xml.replace(/(<w:fonts\b[^>]*)\/>/, `$1>${entries}</w:fonts>`)
    : xml.replace('</w:fonts>', `${entries}</w:fonts>`);
  zip.file(path, closed);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
