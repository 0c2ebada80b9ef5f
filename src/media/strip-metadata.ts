/**
 * Lossless removal of identifying metadata (GPS, camera serial numbers, owner and artist names,
 * maker notes, XMP, comments, thumbnails) from an image that already fits: the compressed pixels
 * are copied untouched, only the segments or chunks around them are rewritten. What a viewer needs
 * to show the picture as taken is kept: the EXIF orientation (rebuilt as the only tag) and the
 * ICC colour profile.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP15 = 0xef;

/** Which APPn segments a decoder needs, by their identifier: everything else is metadata. */
function keepsApp(marker: number, body: Buffer): boolean {
  const starts = (id: string) => body.subarray(0, id.length).toString('latin1') === id;
  if (marker === APP0) return starts('JFIF\0');
  if (marker === APP0 + 2) return starts('ICC_PROFILE\0');
  if (marker === APP0 + 14) return starts('Adobe');
  return false;
}

/** An APP1 Exif segment with one tag, Orientation (0x0112), big-endian. */
function orientationExif(orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, APP0 + 1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** Offset of the marker that ends the entropy-coded data starting at `from` (stuffed 0xFF00 and RSTn are data). */
function endOfScan(data: Buffer, from: number): number {
  for (let at = from; at + 1 < data.length; at++) {
    if (data[at] !== 0xff) continue;
    const next = data[at + 1]!;
    if (next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return at;
  }
  return -1;
}

/**
 * The JPEG without APP1 (Exif, XMP), APP13 (IPTC), MPF, COM and anything after its end; with
 * `orientation` other than 1 a minimal Exif keeps it. Undefined when the segments do not parse.
 */
export function stripJpeg(data: Buffer, orientation: number): Buffer | undefined {
  if (data[0] !== 0xff || data[1] !== SOI) return undefined;
  const head: Buffer[] = [data.subarray(0, 2)];
  const rest: Buffer[] = [];
  let at = 2;
  for (;;) {
    while (data[at] === 0xff && data[at + 1] === 0xff) at++;
    if (at + 1 >= data.length || data[at] !== 0xff) return undefined;
    const marker = data[at + 1]!;
    if (marker === EOI) {
      rest.push(data.subarray(at, at + 2));
      break;
    }
    if (at + 4 > data.length) return undefined;
    const end = at + 2 + data.readUInt16BE(at + 2);
    if (end > data.length) return undefined;
    const segment = data.subarray(at, end);
    const isApp = marker >= APP0 && marker <= APP15;
    if (isApp ? keepsApp(marker, data.subarray(at + 4, end)) : marker !== COM) {
      // JFIF's APP0 has to come first: the rebuilt Exif goes after it.
      (marker === APP0 && rest.length === 0 ? head : rest).push(segment);
    }
    at = end;
    if (marker === SOS) {
      const scanEnd = endOfScan(data, at);
      if (scanEnd < 0) return undefined;
      rest.push(data.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  const exif = orientation > 1 && orientation <= 8 ? [orientationExif(orientation)] : [];
  return Buffer.concat([...head, ...exif, ...rest]);
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * Chunks that change how the image looks (or animates); all others (eXIf, tEXt, zTXt, iTXt, tIME,
 * vendor chunks) are dropped. iCCP/sRGB/gAMA/cHRM/cICP are colour, pHYs the print size.
 */
const pngKept = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'iCCP',
  'sRGB',
  'gAMA',
  'cHRM',
  'cICP',
  'mDCv',
  'cLLi',
  'sBIT',
  'bKGD',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

/** The PNG with only the chunks in `pngKept`, their bytes (and CRCs) unchanged. Undefined when the chunks do not parse. */
export function stripPng(data: Buffer): Buffer | undefined {
  if (!data.subarray(0, 8).equals(pngSignature)) return undefined;
  const kept: Buffer[] = [pngSignature];
  let at = 8;
  while (at + 12 <= data.length) {
    const end = at + 12 + data.readUInt32BE(at);
    if (end > data.length) return undefined;
    const type = data.subarray(at + 4, at + 8).toString('latin1');
    if (pngKept.has(type)) kept.push(data.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(kept);
  }
  return undefined;
}
