import sharp, { type Metadata, type Sharp } from 'sharp';
import { MediaError } from './errors.js';
import type { ImageFormat } from './sniff.js';

/** Below this JPEG quality a photo looks worse than the same photo with fewer pixels. */
export const qualityFloor = 60;
/** Pixels in the sample the quality search encodes; bytes per pixel scale from it to the full image. */
const samplePixels = 600_000;
/** Aim a little under the cap so the one full-size verification usually passes. */
const searchMargin = 0.99;

export interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface FittedImage {
  format: 'jpeg' | 'png';
  data: Buffer;
  width: number;
  height: number;
  /** JPEG quality (mozjpeg). */
  quality?: number;
  /** PNG quantised to a palette of at most 256 colours. */
  palette?: boolean;
  /** Fewer pixels than the original: at the quality floor the full size did not fit. */
  downscaled: boolean;
  /** Transparency was filled with white (the output is a JPEG). */
  flattened: boolean;
}

export interface FitImageOptions {
  maxBytes: number;
  /** The format the file's bytes announce; PNG and GIF sources try to stay PNG. */
  sourceFormat: ImageFormat;
  onProgress?: (fraction: number) => void;
}

function decodeError(error: unknown, sourceFormat: ImageFormat): MediaError {
  if (sourceFormat === 'heic') return new MediaError('heic');
  const reason = (error as Error).message.split('\n')[0] ?? '';
  return new MediaError('corrupt', { reason });
}

/** Decodes the whole image, EXIF-rotated, as 8-bit sRGB with alpha when it has any. */
export async function decodeRaw(input: string | Buffer, sourceFormat: ImageFormat): Promise<Raw> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error' }).rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw decodeError(error, sourceFormat);
  }
}

/** libvips' own ceiling (0x3FFF²): a bigger picture is a decompression bomb, never a photo or a scan. */
export const maxPixels = 268_402_689;

/** Reads the header only: a picture with more pixels than `maxPixels` is refused before it is decoded. */
export async function checkPixelCount(input: string): Promise<void> {
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  const pixels = (meta?.width ?? 0) * (meta?.height ?? 0);
  if (pixels > maxPixels) throw new MediaError('too-many-pixels', { megapixels: Math.round(pixels / 1e6), limit: Math.floor(maxPixels / 1e6) });
}

/** Decodes every pixel (small, to be quick) to prove the file is a whole image; returns its header. */
export async function checkDecodes(input: string, sourceFormat: ImageFormat): Promise<Metadata> {
  try {
    await sharp(input, { failOn: 'error' }).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    return await sharp(input).metadata();
  } catch (error) {
    throw decodeError(error, sourceFormat);
  }
}

function rawInput(raw: Raw): Sharp {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
}

function isTransparent(raw: Raw): boolean {
  if (raw.channels !== 4) return false;
  for (let i = 3; i < raw.data.length; i += 4) if (raw.data[i] !== 255) return true;
  return false;
}

/** Few colours cover most pixels: a diagram, screenshot or scan that a palette PNG keeps sharp. */
function isFlat(raw: Raw): boolean {
  const pixels = raw.width * raw.height;
  const step = Math.max(1, Math.floor(pixels / 250_000));
  const counts = new Map<number, number>();
  let sampled = 0;
  for (let p = 0; p < pixels; p += step) {
    const i = p * raw.channels;
    const alpha = raw.channels === 4 ? raw.data[i + 3]! >> 4 : 0;
    const key = ((raw.data[i]! << 16) | (raw.data[i + 1]! << 8) | raw.data[i + 2]!) * 16 + alpha;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    sampled++;
    if (counts.size > 50_000) return false;
  }
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, 256);
  return top.reduce((sum, n) => sum + n, 0) >= 0.9 * sampled;
}

/**
 * A mosaic of 4×4 tiles spread over the image, about `target` pixels in all, tile edges on
 * 16-pixel JPEG block boundaries: it has the image's detail per pixel, which a resize would not.
 */
function sample(raw: Raw, target: number): { raw: Raw; scale: number } {
  const pixels = raw.width * raw.height;
  if (pixels <= target * 1.25) return { raw, scale: 1 };
  const grid = 4;
  const side = Math.sqrt(target / pixels);
  const tileWidth = Math.max(16, Math.floor((raw.width * side) / grid / 16) * 16);
  const tileHeight = Math.max(16, Math.floor((raw.height * side) / grid / 16) * 16);
  const width = tileWidth * grid;
  const height = tileHeight * grid;
  const data = Buffer.alloc(width * height * raw.channels);
  for (let ty = 0; ty < grid; ty++) {
    const top = Math.floor(((ty + 0.5) * raw.height) / grid - tileHeight / 2);
    for (let tx = 0; tx < grid; tx++) {
      const left = Math.floor(((tx + 0.5) * raw.width) / grid - tileWidth / 2);
      for (let row = 0; row < tileHeight; row++) {
        const from = ((top + row) * raw.width + left) * raw.channels;
        const to = ((ty * tileHeight + row) * width + tx * tileWidth) * raw.channels;
        raw.data.copy(data, to, from, from + tileWidth * raw.channels);
      }
    }
  }
  return { raw: { data, width, height, channels: raw.channels }, scale: pixels / (width * height) };
}

/**
 * mozjpeg (trellis quantisation, its tables) without progressive-scan optimisation: at 24 MP that
 * search alone costs 0.8 s of the 2.5 s encode, for about 2 % of the bytes.
 */
export function encodeJpeg(raw: Raw, quality: number): Promise<Buffer> {
  return rawInput(raw).jpeg({ quality, mozjpeg: true, optimiseScans: false }).toBuffer();
}

function encodePng(raw: Raw, palette: boolean): Promise<Buffer> {
  return rawInput(raw)
    .png(palette ? { palette: true, quality: 100, colours: 256, dither: 1, compressionLevel: 9, effort: 3 } : { compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
}

/** A JPEG's fixed header (tables, markers): not scaled with the pixels. */
const headerBytes = 700;

/**
 * Estimates full-size bytes of an encoding from the sample's bytes per pixel. When the sample is
 * the whole image the estimate is exact and the encoded bytes are kept.
 */
export function sampler(raw: Raw, pixels = samplePixels): (encode: (raw: Raw) => Promise<Buffer>) => Promise<{ bytes: number; full?: Buffer }> {
  const { raw: part, scale } = sample(raw, pixels);
  return async (encode) => {
    const data = await encode(part);
    return scale === 1 ? { bytes: data.length, full: data } : { bytes: (data.length - headerBytes) * scale + headerBytes };
  };
}

/**
 * The highest mozjpeg quality (≥ floor) whose full-size encoding fits: binary search on the
 * sample, one full-size encode to verify, and if that is over, a corrected search below it.
 */
export async function fitJpeg(raw: Raw, maxBytes: number, floor = qualityFloor): Promise<{ data: Buffer; quality: number } | { predictedAtFloor: number }> {
  const measure = sampler(raw);
  const margin = sample(raw, samplePixels).scale === 1 ? 1 : searchMargin;
  const estimates = new Map<number, { bytes: number; full?: Buffer }>();
  const estimate = async (quality: number) => {
    let found = estimates.get(quality);
    if (!found) estimates.set(quality, (found = await measure((part) => encodeJpeg(part, quality))));
    return found;
  };
  let correction = 1;
  let high = 100;
  while (high >= floor) {
    const fits = async (quality: number) => (await estimate(quality)).bytes * correction <= maxBytes * margin;
    if (!(await fits(floor))) break;
    let low = floor;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (await fits(middle)) low = middle;
      else high = middle - 1;
    }
    const guess = await estimate(low);
    const data = guess.full ?? (await encodeJpeg(raw, low));
    if (data.length <= maxBytes) return { data, quality: low };
    correction = data.length / guess.bytes;
    high = low - 1;
  }
  return { predictedAtFloor: (await estimate(floor)).bytes * correction };
}

async function resize(raw: Raw, scale: number): Promise<Raw> {
  const width = Math.max(1, Math.round(raw.width * scale));
  const { data, info } = await rawInput(raw).resize({ width, kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: raw.channels };
}

async function removeAlpha(raw: Raw): Promise<Raw> {
  if (raw.channels === 3) return raw;
  const data = await rawInput(raw).flatten({ background: '#ffffff' }).raw().toBuffer();
  return { data, width: raw.width, height: raw.height, channels: 3 };
}

/** JPEG at the highest quality that fits; fewer pixels only when even the quality floor does not fit. */
async function jpegThatFits(raw: Raw, maxBytes: number): Promise<{ data: Buffer; quality: number; width: number; height: number; downscaled: boolean }> {
  let current = raw;
  for (let attempt = 0; attempt < 12; attempt++) {
    const fitted = await fitJpeg(current, maxBytes);
    if ('data' in fitted) return { ...fitted, width: current.width, height: current.height, downscaled: current !== raw };
    // Bytes shrink a little slower than pixels (detail gets denser), hence the extra 0.9.
    const scale = Math.min(0.9, Math.sqrt((maxBytes / fitted.predictedAtFloor) * 0.9));
    if (current.width * scale < 16 || current.height * scale < 16) break;
    current = await resize(current, scale);
  }
  throw new MediaError('cannot-fit', { maxBytes });
}

/**
 * Fits a decoded image under `maxBytes`. Transparent, flat or PNG sources stay PNG when lossless
 * or a 256-colour palette fits; everything else (and those when no PNG fits) becomes JPEG.
 */
export async function fitImage(input: string | Buffer, options: FitImageOptions): Promise<FittedImage> {
  const progress = options.onProgress ?? (() => undefined);
  const raw = await decodeRaw(input, options.sourceFormat);
  progress(0.2);
  const transparent = isTransparent(raw);
  const flat = isFlat(raw);
  const pixels = transparent ? raw : await removeAlpha(raw);
  if (options.sourceFormat === 'png' || options.sourceFormat === 'gif' || transparent || flat) {
    const measure = sampler(pixels);
    for (const palette of transparent || flat ? [false, true] : [false]) {
      // A full PNG encode is slow: only worth it when the sample says it may fit.
      const estimate = await measure((part) => encodePng(part, palette));
      if (estimate.bytes > options.maxBytes * 1.3) continue;
      const data = estimate.full ?? (await encodePng(pixels, palette));
      if (data.length <= options.maxBytes) return { format: 'png', data, width: raw.width, height: raw.height, palette, downscaled: false, flattened: false };
      progress(0.4);
    }
  }
  progress(0.5);
  const jpeg = await jpegThatFits(await removeAlpha(pixels), options.maxBytes);
  progress(1);
  return { format: 'jpeg', ...jpeg, flattened: transparent };
}
