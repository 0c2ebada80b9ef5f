import { open } from 'node:fs/promises';
import { extname } from 'node:path';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'gif' | 'heic' | 'avif';

export interface Sniffed {
  bytes: number;
  /** The image format its first bytes announce, if any. */
  image?: ImageFormat;
  /** Its name says image (a `.jpg` whose bytes are not a JPEG is corrupt, not a video). */
  namedImage: boolean;
  /** Its name says audio or video: if ffprobe cannot read it, it is corrupt rather than unsupported. */
  namedMedia: boolean;
}

export const imageExtensions = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.tif', '.tiff', '.gif', '.heic', '.heif', '.avif']);
export const mediaExtensions = new Set(
  ['.mp4', '.m4v', '.mov', '.qt', '.mkv', '.webm', '.avi', '.wmv', '.3gp', '.3g2', '.mts', '.m2ts', '.ts', '.mpg', '.mpeg', '.flv'].concat([
    '.mp3',
    '.m4a',
    '.aac',
    '.wav',
    '.flac',
    '.ogg',
    '.oga',
    '.opus',
    '.wma',
    '.amr',
    '.aif',
    '.aiff',
    '.caf',
  ]),
);
const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function imageFormat(head: Buffer): ImageFormat | undefined {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(4, 8) === 'ftyp') {
    const size = Math.min(head.readUInt32BE(0), head.length);
    const brands = [ascii(8, 12)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(at, at + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
    if (brands.some((brand) => heicBrands.has(brand))) return 'heic';
  }
  return undefined;
}

/** Reads the first bytes of a file to tell images from everything else, before any decoder runs. */
export async function sniff(path: string): Promise<Sniffed> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return {
      bytes: size,
      image: imageFormat(head.subarray(0, bytesRead)),
      namedImage: imageExtensions.has(extname(path).toLowerCase()),
      namedMedia: mediaExtensions.has(extname(path).toLowerCase()),
    };
  } finally {
    await file.close();
  }
}
