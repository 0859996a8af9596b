import JSZip from 'jszip';

export interface DocxInspection {
  /** word/document.xml as stored. */
  documentXml: string;
  /** Text of each paragraph in order (each table cell's paragraphs included). */
  paragraphs: string[];
  /** The paragraphs joined with '\n'. */
  text: string;
  /** Each table's rows and cell texts (continuation cells of a vertical merge are ''). */
  tables: string[][][];
  page: {
    widthMm: number;
    heightMm: number;
    margins: { top: number; bottom: number; left: number; right: number };
  };
  /** Distinct East Asian font names used by runs and styles. */
  fonts: string[];
  /** word/footer*.xml texts (page number fields appear as their instruction, e.g. 'PAGE'). */
  footers: string[];
}

const mm = (twips: string | undefined) => Math.round((Number(twips ?? 0) / 1440) * 25.4 * 10) / 10;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(
    /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:instrText(?:\s[^>]*)?>([^<]*)<\/w:instrText>/g,
  )) {
    out += decode(m[1] ?? m[2]?.trim() ?? '');
  }
  return out;
}

function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => paragraphText(m[0]));
}

/** Reads a .docx for tests and checks: text, tables, page set-up and fonts, straight from the XML. */
export async function inspectDocx(bytes: Buffer | Uint8Array): Promise<DocxInspection> {
  const zip = await JSZip.loadAsync(bytes);
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const footerFiles = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
  const footers = await Promise.all(
    footerFiles
      .sort()
      .map(async (name) => paragraphsOf((await zip.file(name)?.async('string')) ?? '').join('\n')),
  );
  const body = documentXml.replace(/^[\s\S]*?<w:body>/, '').replace(/<\/w:body>[\s\S]*$/, '');
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
        paragraphsOf(cell[0]).join('\n'),
      ),
    ),
  );
  const size = /<w:pgSz\b([^>]*)\/>/.exec(documentXml)?.[1] ?? '';
  const margin = /<w:pgMar\b([^>]*)\/>/.exec(documentXml)?.[1] ?? '';
  const attr = (attrs: string, name: string) => new RegExp(`w:${name}="(-?\\d+)"`).exec(attrs)?.[1];
  const fonts = new Set<string>();
  for (const m of (documentXml + stylesXml).matchAll(/w:eastAsia="([^"]+)"/g))
    fonts.add(decode(m[1] ?? ''));
  const paragraphs = paragraphsOf(body);
  return {
    documentXml,
    paragraphs,
    text: paragraphs.join('\n'),
    tables,
    page: {
      widthMm: mm(attr(size, 'w')),
      heightMm: mm(attr(size, 'h')),
      margins: {
        top: mm(attr(margin, 'top')),
        bottom: mm(attr(margin, 'bottom')),
        left: mm(attr(margin, 'left')),
        right: mm(attr(margin, 'right')),
      },
    },
    fonts: [...fonts],
    footers,
  };
}
