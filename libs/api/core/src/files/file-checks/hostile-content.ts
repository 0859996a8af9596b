/**
 * Content no evidence file may carry, whatever its container: an executable program (PE or ELF
 * header) or an HTML document / script a browser would run. Every search is native
 * (`Buffer.indexOf`); the few loops over hits are capped, so a 20 MB file built to multiply hits
 * costs no more than a plain one.
 */

const ELF_IDENTS = [1, 2].flatMap((cls) =>
  [1, 2].map((data) => Buffer.from([0x7f, 0x45, 0x4c, 0x46, cls, data, 1])),
);
const MZ = Buffer.from('MZ', 'latin1');
const PE = Buffer.from([0x50, 0x45, 0x00, 0x00]);
const DOS_STUB = Buffer.from('this program cannot be run in dos mode', 'latin1');
/** More PE signatures than this in one file is itself refused (no document has them). */
const MAX_PE_SIGNATURES = 1000;

/** Markers of an HTML document or script, searched in a lower-cased copy. */
const HTML_MARKERS = ['<html', '<script', '<!doctype html', '<iframe', '<body', 'javascript:'].map(
  (m) => Buffer.from(m, 'latin1'),
);

/** An ASCII-lower-cased copy (one pass, no string conversion). */
export function asciiLower(buf: Buffer): Buffer {
  const out = Buffer.allocUnsafe(buf.length);
  for (let i = 0; i < buf.length; i++) {
    const b = buf.readUInt8(i);
    out[i] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
  }
  return out;
}

/**
 * A Windows program: "MZ" whose e_lfanew (at +0x3c, 0x40..0x1000) points to "PE\0\0". Searched
 * from the rarer side: each PE signature looks back for the MZ header that names it.
 */
function findPe(buf: Buffer, lower: Buffer): string | null {
  if (lower.indexOf(DOS_STUB) >= 0) return 'an embedded Windows executable';
  let hits = 0;
  for (let p = buf.indexOf(PE); p >= 0; p = buf.indexOf(PE, p + 1)) {
    if (++hits > MAX_PE_SIGNATURES) return 'too many executable signatures';
    const from = Math.max(0, p - 0x1000);
    for (let i = buf.indexOf(MZ, from); i >= 0 && i <= p - 0x40; i = buf.indexOf(MZ, i + 1)) {
      if (buf.readUInt32LE(i + 0x3c) === p - i) return 'an embedded Windows executable';
    }
  }
  return null;
}

function findHtml(lower: Buffer): string | null {
  for (const marker of HTML_MARKERS)
    if (lower.indexOf(marker) >= 0) return `HTML or script content (${marker.toString('latin1')})`;
  return null;
}

/** What makes the bytes hostile, or null. `lower` is `asciiLower(buf)`, if already at hand. */
export function findHostileContent(buf: Buffer, lower: Buffer = asciiLower(buf)): string | null {
  const pe = findPe(buf, lower);
  if (pe) return pe;
  // e_ident: 0x7f "ELF", class 1|2 (32/64-bit), data 1|2 (endianness), version 1.
  if (ELF_IDENTS.some((ident) => buf.indexOf(ident) >= 0)) return 'an embedded ELF executable';
  return findHtml(lower);
}
