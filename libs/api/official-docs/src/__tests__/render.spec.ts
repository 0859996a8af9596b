import { execFileSync } from 'node:child_process';
import {
  inspectDocx,
  layoutGeometry,
  OFFICIAL_LAYOUT,
  officialDate,
  renderOfficialDocument,
  textWidth,
} from '../index';
import { layoutRows } from '../render';

const bulletin = () =>
  renderOfficialDocument({
    letterhead: '安徽省审计厅办公室',
    documentNumber: '皖审办〔2025〕12号',
    title: '关于2025年第三季度全省审计机关\n政务公开重点工作完成情况的通报',
    recipients: '各市审计局：',
    blocks: [
      { kind: 'paragraph', text: '现将第三季度完成情况通报如下。' },
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'heading', level: 2, text: '（一）完成率' },
      {
        kind: 'table',
        caption: '表1 各市完成情况',
        header: [
          [
            { text: '序号', rowSpan: 2 },
            { text: '单位', rowSpan: 2 },
            { text: '任务', colSpan: 2 },
          ],
          ['应完成', '已完成'],
        ],
        rows: [
          [1, '合肥市审计局', 12, 11],
          [2, '芜湖市审计局 & <其他>', 12, 9],
        ],
        columnWidths: [1, 4, 2, 2],
      },
      { kind: 'signature', lines: ['（联系人：张三，电话：0551-12345678）'] },
    ],
    issuer: '安徽省审计厅办公室',
    date: '2025-10-05',
  });

describe('renderOfficialDocument', () => {
  it('lays the page out as GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of 28 characters', async () => {
    const doc = await inspectDocx(await bulletin());
    expect(doc.page).toEqual({
      widthMm: 210,
      heightMm: 297,
      margins: { top: 37, bottom: 35, left: 28, right: 26 },
    });
    const g = layoutGeometry();
    expect(g.textWidthMm).toBe(156);
    expect(g.textHeightMm).toBe(225);
    expect(Math.floor(12756 / g.linePitchTwips)).toBe(22);
    expect(doc.documentXml).toContain(`w:linePitch="${g.linePitchTwips}"`);
    expect(doc.documentXml).toMatch(/<w:docGrid w:type="lines"/);
    // 28 characters of 3号 (16 pt) fill 156 mm: each body run is condensed by the difference.
    expect(g.bodyCharacterSpacing).toBe(-5);
    expect((320 + g.bodyCharacterSpacing) * 28).toBeLessThanOrEqual(g.textWidthTwips);
    expect(doc.documentXml).toContain(`<w:spacing w:val="${g.bodyCharacterSpacing}"/>`);
  });

  it('uses the standard fonts and sizes: title 小标宋 2号, body 仿宋 3号, headings 黑体 and 楷体', async () => {
    const doc = await inspectDocx(await bulletin());
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(doc.fonts).toContain(font);
    const titleRun =
      /<w:rFonts[^>]*w:eastAsia="方正小标宋简体"[^>]*\/>[\s\S]*?<w:sz w:val="(\d+)"\/>/.exec(
        doc.documentXml.slice(doc.documentXml.indexOf('关于2025年') - 600),
      );
    expect(titleRun?.[1]).toBe(String(OFFICIAL_LAYOUT.sizes.title * 2));
    expect(doc.documentXml).toContain(`<w:sz w:val="${OFFICIAL_LAYOUT.sizes.body * 2}"/>`);
  });

  it('records each font fallback in the font table', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await bulletin());
    const fontTable = await zip.file('word/fontTable.xml')!.async('string');
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('writes the content in order with the letterhead, title lines, recipients, issuer and date', async () => {
    const doc = await inspectDocx(await bulletin());
    const order = [
      '安徽省审计厅办公室',
      '皖审办〔2025〕12号',
      '关于2025年第三季度全省审计机关',
      '政务公开重点工作完成情况的通报',
      '各市审计局：',
      '一、总体情况',
      '（一）完成率',
      '表1 各市完成情况',
      '2025年10月5日',
    ];
    let at = -1;
    for (const text of order) {
      const next = doc.paragraphs.findIndex((p, i) => i > at && p === text);
      expect({ text, found: next > at }).toEqual({ text, found: true });
      at = next;
    }
    expect(doc.paragraphs.filter((p) => p === '安徽省审计厅办公室')).toHaveLength(2); // letterhead and signature
  });

  it('builds tables with merged headers and escapes text', async () => {
    const doc = await inspectDocx(await bulletin());
    expect(doc.tables).toHaveLength(1);
    const table = doc.tables[0] ?? [];
    expect(table[0]).toEqual(['序号', '单位', '任务']);
    expect(table[1]).toEqual(['', '', '应完成', '已完成']); // vertical-merge continuation cells
    expect(table[3]).toEqual(['2', '芜湖市审计局 & <其他>', '12', '9']);
    expect(doc.documentXml).toContain('<w:gridSpan w:val="2"/>');
    expect(doc.documentXml).toMatch(/<w:vMerge w:val="continue"\/>/);
    expect(doc.documentXml).toContain('<w:tblHeader/>');
  });

  it('numbers pages "— n —", odd pages right and even pages left', async () => {
    const bytes = await bulletin();
    const doc = await inspectDocx(bytes);
    const JSZip = (await import('jszip')).default;
    const settings = await (
      await JSZip.loadAsync(bytes)
    )
      .file('word/settings.xml')!
      .async('string');
    expect(settings).toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="true"\/>/);
    expect(doc.footers.length).toBeGreaterThanOrEqual(2);
    for (const footer of doc.footers) expect(footer.replace(/\s/g, '')).toMatch(/^—PAGE—$/);
  });

  it('leaves page numbers out when asked', async () => {
    const doc = await inspectDocx(
      await renderOfficialDocument({ title: '学时证明', blocks: [], pageNumbers: false }),
    );
    expect(doc.footers).toEqual([]);
  });

  it('opens in LibreOffice when it is installed', async () => {
    let soffice = '';
    try {
      soffice = execFileSync('sh', ['-c', 'command -v soffice || true']).toString().trim();
    } catch {
      soffice = '';
    }
    if (!soffice) return; // optional: CI does not install LibreOffice
    const { mkdtempSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'official-docs-'));
    try {
      writeFileSync(join(dir, 'bulletin.docx'), await bulletin());
      execFileSync(
        soffice,
        ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'bulletin.docx')],
        {
          env: { ...process.env, HOME: dir },
          timeout: 120_000,
        },
      );
      expect(existsSync(join(dir, 'bulletin.pdf'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('layout helpers', () => {
  it('writes dates with Arabic numerals and no leading zeros, in China time', () => {
    expect(officialDate('2025-01-05')).toBe('2025年1月5日');
    expect(officialDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026年1月1日');
  });

  it('measures text in Chinese characters', () => {
    expect(textWidth('安徽省审计厅')).toBe(6);
    expect(textWidth('2025年10月5日')).toBe(3 + 3.5);
  });

  it('places cells under row spans in the right columns', () => {
    const rows = layoutRows([
      [
        { text: 'a', rowSpan: 3 },
        { text: 'b', colSpan: 2 },
      ],
      ['c', { text: 'd', rowSpan: 2 }],
      ['e'],
      ['f', 'g', 'h'],
    ]);
    expect(rows.map((r) => r.map((p) => p.column))).toEqual([[0, 1], [1, 2], [1], [0, 1, 2]]);
  });
});
