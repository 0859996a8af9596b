import { crc32 } from 'node:zlib';

/**
 * Picture files walked end to end: every chunk, marker or block in place, and nothing after the
 * end (a program or a web page appended to a picture is the classic polyglot). Each walk touches
 * only headers, so it costs microseconds per chunk.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngProblem(buf: Buffer): string | null {
  if (buf.compare(PNG_SIGNATURE, 0, 8, 0, 8) !== 0) return 'bad PNG signature';
  let at = 8;
  let first = true;
  let idat = false;
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return 'a bad PNG chunk type';
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > buf.length) return `the PNG chunk ${type} runs past the end`;
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length))
      return `the PNG chunk ${type} fails its CRC`;
    if (first && (type !== 'IHDR' || length !== 13)) return 'the PNG does not start with IHDR';
    first = false;
    if (type === 'IDAT') idat = true;
    if (type === 'IEND') {
      if (!idat) return 'a PNG without image data';
      return end === buf.length ? null : 'data after the PNG end';
    }
    at = end;
  }
  return 'the PNG has no IEND';
}

/** Markers without a length field: TEM, RST0-7, SOI, EOI. */
const standalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd9);

/**
 * JPEG segments walked marker by marker, entropy-coded data skipped to the next marker. Data
 * after the end is allowed (phones append previews or motion-photo videos there); the caller's
 * scan for executables and HTML covers it, and an appended zip is refused here.
 */
export function jpegProblem(buf: Buffer): string | null {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return 'bad JPEG start';
  let at = 2;
  let frame = false;
  while (at < buf.length) {
    if (buf[at] !== 0xff) return 'a JPEG segment without a marker';
    let marker = buf[at + 1];
    while (marker === 0xff && at + 2 < buf.length) marker = buf[++at + 1];
    // A 0xFF as the last byte: no marker follows.
    if (marker === undefined) break;
    at += 2;
    if (marker === 0xd9) {
      if (!frame) return 'a JPEG without a frame';
      const rest = buf.subarray(at);
      return rest.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])) >= 0
        ? 'a zip after the JPEG end'
        : null;
    }
    if (standalone(marker)) continue;
    if (at + 2 > buf.length) break;
    const length = buf.readUInt16BE(at);
    if (length < 2 || at + length > buf.length) return 'a JPEG segment runs past the end';
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      frame = true;
    at += length;
    if (marker === 0xda) {
      // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or RSTn inside the scan.
      while (at + 1 < buf.length) {
        const next = buf.indexOf(0xff, at);
        if (next < 0 || next + 1 >= buf.length) return 'the JPEG has no end marker';
        const b = buf.readUInt8(next + 1);
        if (b === 0x00 || (b >= 0xd0 && b <= 0xd7) || b === 0xff) {
          at = next + (b === 0xff ? 1 : 2);
          continue;
        }
        at = next;
        break;
      }
    }
  }
  return 'the JPEG has no end marker';
}

export function gifProblem(buf: Buffer): string | null {
  const header = buf.toString('latin1', 0, 6);
  if (header !== 'GIF87a' && header !== 'GIF89a') return 'bad GIF header';
  if (buf.length < 14) return 'a truncated GIF';
  const flags = buf.readUInt8(10);
  let at = 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
  const subBlocks = (): boolean => {
    while (at < buf.length) {
      const size = buf.readUInt8(at);
      at += 1 + size;
      if (size === 0) return at <= buf.length;
    }
    return false;
  };
  let image = false;
  while (at < buf.length) {
    const block = buf.readUInt8(at);
    if (block === 0x3b) {
      if (!image) return 'a GIF without an image';
      return at + 1 === buf.length ? null : 'data after the GIF trailer';
    }
    if (block === 0x21) {
      at += 2;
      if (!subBlocks()) return 'a truncated GIF extension';
    } else if (block === 0x2c) {
      if (at + 10 > buf.length) return 'a truncated GIF image';
      const local = buf.readUInt8(at + 9);
      at += 10 + (local & 0x80 ? 3 * (1 << ((local & 7) + 1)) : 0) + 1;
      if (!subBlocks()) return 'truncated GIF image data';
      image = true;
    } else {
      return 'an unknown GIF block';
    }
  }
  return 'the GIF has no trailer';
}

export function webpProblem(buf: Buffer): string | null {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP')
    return 'bad WebP header';
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd !== buf.length) return 'the WebP size does not match the file';
  let at = 12;
  let image = false;
  while (at + 8 <= riffEnd) {
    const type = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (!/^[A-Z0-9 ]{4}$/.test(type)) return 'a bad WebP chunk';
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image = true;
    at += 8 + size + (size & 1);
  }
  if (at !== riffEnd) return 'a WebP chunk runs past the end';
  return image ? null : 'a WebP without an image';
}
