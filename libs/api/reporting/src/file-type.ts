/** What an evidence file really is, judged by its first bytes, never by its name. */
export interface SniffedType {
  mime: string;
  extensions: string[];
}

const startsWith = (buf: Buffer, bytes: number[], offset = 0): boolean =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

/** Returns the type of a PDF, image, Word or Excel file, or null for anything else. */
export function sniffEvidenceType(buf: Buffer): SniffedType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { mime: 'application/pdf', extensions: ['pdf'] };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', extensions: ['png'] };
  if (startsWith(buf, [0xff, 0xd8, 0xff]))
    return { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', extensions: ['gif'] };
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { mime: 'image/webp', extensions: ['webp'] };
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE compound file: legacy .doc or .xls; the stream names tell which.
    const head = buf.subarray(0, Math.min(buf.length, 1 << 20)).toString('latin1');
    if (head.includes('W\u0000o\u0000r\u0000d\u0000D\u0000o\u0000c'))
      return { mime: 'application/msword', extensions: ['doc'] };
    if (
      head.includes('W\u0000o\u0000r\u0000k\u0000b\u0000o\u0000o\u0000k') ||
      head.includes('B\u0000o\u0000o\u0000k')
    ) {
      return { mime: 'application/vnd.ms-excel', extensions: ['xls'] };
    }
    return null;
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // OOXML is a zip whose entries name word/ or xl/; entry names sit in the local headers.
    const sample = buf.subarray(0, Math.min(buf.length, 4 << 20)).toString('latin1');
    if (sample.includes('[Content_Types].xml')) {
      if (sample.includes('word/')) {
        return {
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extensions: ['docx'],
        };
      }
      if (sample.includes('xl/')) {
        return {
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          extensions: ['xlsx'],
        };
      }
    }
    return null;
  }
  return null;
}
