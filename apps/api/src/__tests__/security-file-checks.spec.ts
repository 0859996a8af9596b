import { Workbook } from 'exceljs';
import { inspectEvidence, PDF_INFLATE_BUDGET } from '@sunshine/api/core';
import { evidenceFiles as f } from '@sunshine/testing';

/** Issue 7, item 11: evidence files are judged by their whole structure, not their first bytes. */

const typeOf = (buf: Buffer): string | null => inspectEvidence(buf).type?.mime ?? null;
const refused = (buf: Buffer): string => {
  const verdict = inspectEvidence(buf);
  if (verdict.type) throw new Error(`accepted as ${verdict.type.mime}`);
  return verdict.problem;
};
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('evidence file checks: plain files are accepted', () => {
  it('accepts a PDF, pictures, Word and Excel files', async () => {
    expect(typeOf(f.pdf())).toBe('application/pdf');
    expect(typeOf(f.png())).toBe('image/png');
    expect(typeOf(f.jpeg())).toBe('image/jpeg');
    expect(typeOf(f.gif())).toBe('image/gif');
    expect(typeOf(f.webp())).toBe('image/webp');
    expect(typeOf(f.docx())).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(typeOf(f.doc())).toBe('application/msword');
    expect(typeOf(f.compoundFile([{ name: 'Workbook', data: Buffer.alloc(10) }]))).toBe(
      'application/vnd.ms-excel',
    );
    const workbook = new Workbook();
    workbook.addWorksheet('进展').addRow(['任务', '完成']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(typeOf(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('accepts a PDF whose compressed streams are harmless, and a Word file with pictures', () => {
    const text = f.flateStreamObject('', latin1('BT (Quarterly report) Tj ET'));
    expect(typeOf(f.pdf({ objects: [text] }))).toBe('application/pdf');
    expect(typeOf(f.docx([{ name: 'word/media/image1.png', data: f.png() }]))).not.toBeNull();
    expect(typeOf(f.jpeg(Buffer.alloc(1000, 7)))).toBe('image/jpeg'); // a phone's appended preview
  });
});

describe('evidence file checks: polyglots and active content are refused', () => {
  it('refuses a %PDF- header followed by HTML and a program (the reported attack)', () => {
    const attack = Buffer.concat([latin1('%PDF-1.4\n'), f.HTML_PAGE, f.windowsProgram()]);
    expect(refused(attack)).toMatch(/executable|HTML/);
    expect(refused(f.pdf({ afterHeader: f.HTML_PAGE }))).toMatch(/HTML/);
    expect(refused(f.pdf({ afterHeader: f.windowsProgram() }))).toMatch(/Windows executable/);
    expect(refused(f.pdf({ afterHeader: f.linuxProgram() }))).toMatch(/ELF/);
  });

  it('refuses a PDF without its cross-reference tail, or with data after %%EOF', () => {
    expect(refused(latin1('%PDF-1.4\n1 0 obj <<>> endobj\n'))).toMatch(/%%EOF/);
    expect(refused(latin1('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))).toMatch(
      /startxref/,
    );
    expect(refused(f.pdf({ noXref: true }))).toMatch(/startxref/);
    expect(refused(f.pdf({ trailing: latin1('PK\u0003\u0004 more') }))).toMatch(/after the final/);
    const wrongOffset = latin1(
      f
        .pdf()
        .toString('latin1')
        .replace(/startxref\n\d+/, 'startxref\n12'),
    );
    expect(refused(wrongOffset)).toMatch(/cross-reference/);
  });

  it('refuses PDF scripts, launch actions and attachments, also hidden in names or compressed streams', () => {
    expect(refused(f.pdf({ objects: ['<< /S /JavaScript /JS (app.alert(1)) >>'] }))).toMatch(
      /active content/,
    );
    expect(refused(f.pdf({ objects: ['<< /S /Launch /F (cmd.exe) >>'] }))).toMatch(/launch/);
    expect(refused(f.pdf({ objects: ['<< /S /Java#53cript >>'] }))).toMatch(/javascript/);
    const attached = f.flateStreamObject('/Type /EmbeddedFile', f.windowsProgram());
    expect(refused(f.pdf({ objects: [attached] }))).toMatch(/compressed stream.*executable/);
    const objectStream = f.flateStreamObject(
      '/Type /ObjStm /N 1 /First 4',
      latin1('6 0 << /S /JavaScript >>'),
    );
    expect(refused(f.pdf({ objects: [objectStream] }))).toMatch(/javascript/);
    const html = f.flateStreamObject('', f.HTML_PAGE);
    expect(refused(f.pdf({ objects: [html] }))).toMatch(/HTML/);
  });

  it('bounds the inflating of PDF streams (a compression bomb is refused, not inflated)', () => {
    const bomb = f.flateStreamObject('', Buffer.alloc(PDF_INFLATE_BUDGET + 1024));
    const started = Date.now();
    expect(refused(f.pdf({ objects: [bomb] }))).toMatch(/too large/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a zip with word/ plus a program (the reported attack) and every non-document part', () => {
    const reported = f.zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/x.xml', data: '<x/>' },
      { name: 'payload.exe', data: f.windowsProgram() },
    ]);
    expect(refused(reported)).toBeTruthy();
    for (const name of [
      'word/payload.exe',
      'word/a.dll',
      'word/run.js',
      'word/x.vbs',
      'go.bat',
      'word/media/x.scr',
    ]) {
      expect(refused(f.docx([{ name, data: 'x' }]))).toMatch(/part/);
    }
    expect(refused(f.docx([{ name: 'word/vbaProject.bin', data: 'x' }]))).toMatch(/macros/);
    expect(refused(f.docx([{ name: 'word/embeddings/oleObject1.bin', data: 'x' }]))).toMatch(
      /embedded objects/,
    );
    expect(refused(f.docx([{ name: 'word/activeX/activeX1.xml', data: '<a/>' }]))).toMatch(
      /macros/,
    );
    expect(refused(f.docx([{ name: '../evil.xml', data: '<a/>' }]))).toMatch(/unsafe name/);
    expect(
      refused(f.docx([{ name: 'word/media/x.png', data: f.windowsProgram(), stored: true }])),
    ).toMatch(/executable/);
  });

  it('refuses macro-enabled content types, a missing main part and hidden data between entries', () => {
    const macro = f.docxEntries(
      '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
    );
    expect(refused(f.zip(macro))).toMatch(/macro/);
    expect(refused(f.zip(f.docxEntries().filter((e) => e.name !== '[Content_Types].xml')))).toMatch(
      /Content_Types/,
    );
    expect(refused(f.zip(f.docxEntries().filter((e) => e.name !== 'word/document.xml')))).toMatch(
      /document\.xml/,
    );
    expect(refused(f.zip(f.docxEntries(), Buffer.alloc(4096, 0x41)))).toMatch(/outside the zip/);
    expect(refused(Buffer.concat([f.docx(), f.windowsProgram()]))).toBeTruthy();
  });

  it('refuses an OLE file with a marker and a program (the reported attack), macros and packages', () => {
    const reported = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.from('WordDocument', 'utf16le'),
      f.windowsProgram(),
    ]);
    expect(refused(reported)).toBeTruthy();
    expect(refused(f.doc([{ name: 'Payload', data: f.windowsProgram() }]))).toMatch(/executable/);
    expect(refused(f.doc([{ name: 'Macros', data: Buffer.alloc(0), type: 1 }]))).toMatch(/macros/);
    expect(refused(f.doc([{ name: '\u0001Ole10Native', data: Buffer.alloc(10) }]))).toMatch(
      /package/,
    );
    expect(refused(f.compoundFile([{ name: 'Other', data: Buffer.alloc(10) }]))).toMatch(
      /WordDocument/,
    );
    const looped = f.doc();
    looped.writeUInt32LE(1, 512 + 4); // the directory's sector points to itself
    expect(refused(looped)).toMatch(/loops/);
  });

  it('walks pictures to their end: appended programs, pages or zips are refused', () => {
    expect(refused(f.png([], f.windowsProgram()))).toMatch(/after the PNG end/);
    expect(refused(f.png([f.pngChunk('tEXt', f.HTML_PAGE)]))).toMatch(/HTML/);
    const badCrc = f.png();
    badCrc.writeUInt8(badCrc.readUInt8(20) ^ 0xff, 20);
    expect(refused(badCrc)).toMatch(/CRC/);
    expect(refused(f.jpeg(f.windowsProgram()))).toMatch(/executable/);
    expect(refused(f.jpeg(f.docx()))).toMatch(/zip after/);
    expect(refused(f.jpeg(f.HTML_PAGE))).toMatch(/HTML/);
    expect(refused(f.jpeg().subarray(0, 40))).toMatch(/JPEG/);
    expect(refused(f.gif(f.HTML_PAGE))).toMatch(/after the GIF/);
    expect(refused(Buffer.concat([f.webp(), f.HTML_PAGE]))).toMatch(/WebP/);
  });

  it('checks a 20 MB file built to slow the scan (MZ on every other byte) in bounded time', () => {
    const filler = Buffer.alloc(20_000_000, 'MZ', 'latin1');
    const stream = (bytes: Buffer): Buffer =>
      Buffer.concat([
        latin1(`<< /Length ${bytes.length} >>\nstream\n`),
        bytes,
        latin1('\nendstream'),
      ]);
    const started = Date.now();
    expect(typeOf(f.pdf({ objects: [stream(filler)] }))).toBe('application/pdf');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
