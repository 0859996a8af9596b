import { findHostileContent } from './file-checks/hostile-content';
import { gifProblem, jpegProblem, pngProblem, webpProblem } from './file-checks/images';
import { oleCheck } from './file-checks/ole';
import { ooxmlCheck } from './file-checks/ooxml';
import { pdfProblem } from './file-checks/pdf';

/** What an evidence file really is, judged by its content, never by its name. */
export interface SniffedType {
  mime: string;
  extensions: string[];
}

const PDF: SniffedType = { mime: 'application/pdf', extensions: ['pdf'] };
const PNG: SniffedType = { mime: 'image/png', extensions: ['png'] };
const JPEG: SniffedType = { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const GIF: SniffedType = { mime: 'image/gif', extensions: ['gif'] };
const WEBP: SniffedType = { mime: 'image/webp', extensions: ['webp'] };
const DOC: SniffedType = { mime: 'application/msword', extensions: ['doc'] };
const XLS: SniffedType = { mime: 'application/vnd.ms-excel', extensions: ['xls'] };
const DOCX: SniffedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extensions: ['docx'],
};
const XLSX: SniffedType = {
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extensions: ['xlsx'],
};

/** The verdict on an upload: its type, or why it is refused (for logs, never shown to users). */
export type EvidenceInspection = { type: SniffedType } | { type: null; problem: string };

/** The problem of bytes that are none of the accepted types (as opposed to a damaged one). */
export const NOT_ACCEPTED = 'not an accepted type';

const startsWith = (buf: Buffer, bytes: number[], offset = 0): boolean =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const verdict = (type: SniffedType, problem: string | null): EvidenceInspection =>
  problem ? { type: null, problem } : { type };

/** Containers whose own check does not cover every byte are also scanned for programs and HTML. */
function withScan(buf: Buffer, type: SniffedType, problem: string | null): EvidenceInspection {
  return verdict(type, problem ?? findHostileContent(buf));
}

/**
 * Decides what an evidence file is by its whole structure, not only its first bytes: a PDF's
 * cross-reference tail and streams, an Office zip's parts, a compound file's directory, a
 * picture's chunks or markers. Anything that is not a plain document or picture of an accepted
 * type — a polyglot carrying a program or a web page, a macro document, an embedded package —
 * is refused. Time and memory are bounded by the upload limit (at most a few passes over the
 * bytes and a 64 MB inflate budget).
 */
export function inspectEvidence(buf: Buffer): EvidenceInspection {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return verdict(PDF, pdfProblem(buf));
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return withScan(buf, PNG, pngProblem(buf));
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return withScan(buf, JPEG, jpegProblem(buf));
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return withScan(buf, GIF, gifProblem(buf));
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8))
    return withScan(buf, WEBP, webpProblem(buf));
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const ole = oleCheck(buf);
    if ('problem' in ole) return { type: null, problem: ole.problem };
    return withScan(buf, ole.kind === 'doc' ? DOC : XLS, null);
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const zip = ooxmlCheck(buf);
    if ('problem' in zip) return { type: null, problem: zip.problem };
    return withScan(buf, zip.kind === 'docx' ? DOCX : XLSX, null);
  }
  return { type: null, problem: NOT_ACCEPTED };
}

/** The type of an acceptable evidence file, or null (see `inspectEvidence`). */
export function sniffEvidenceType(buf: Buffer): SniffedType | null {
  return inspectEvidence(buf).type;
}

export { PDF_INFLATE_BUDGET } from './file-checks/pdf';
