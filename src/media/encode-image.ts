import { createRequire } from 'node:module';
import type { default as Sharp, Sharp as Pipeline } from 'sharp';

const require = createRequire(import.meta.url);
let loaded: typeof Sharp | undefined;

/**
 * sharp is loaded on first use: a text-only document never pays its ~170 ms start-up. Through
 * require, not import(): the CLI's cached code cannot run import() on Node 20 (src/cli/compile-cache.ts).
 */
export async function loadSharp(): Promise<typeof Sharp> {
  if (!loaded) {
    loaded = require('sharp') as typeof Sharp;
    loaded.cache(false);
  }
  return loaded;
}

export interface ImageInfo {
  /** Pixel size after EXIF rotation. */
  width: number;
  height: number;
  format: string;
  hasAlpha: boolean;
}

/** Reads the header only: size as displayed (EXIF orientation applied), format, alpha. */
export async function imageInfo(input: string | Buffer): Promise<ImageInfo> {
  const sharp = await loadSharp();
  const meta = await sharp(input, { failOn: 'error' }).metadata();
  if (!meta.width || !meta.height) throw new Error('no image size');
  const swap = (meta.orientation ?? 1) >= 5;
  return {
    width: swap ? meta.height : meta.width,
    height: swap ? meta.width : meta.height,
    format: meta.format ?? 'unknown',
    hasAlpha: meta.hasAlpha ?? false,
  };
}

export interface EncodeOptions {
  /** Longest allowed side in pixels after rotation; never upscales. */
  maxWidth: number;
  maxHeight: number;
  format: 'jpeg' | 'png';
  /** JPEG quality (mozjpeg), 1–100. */
  quality: number;
}

/** Encodes done in this process (a sample's included): tests count them to prove a rebuild encodes nothing. */
export const encodeCount = { images: 0 };

/** The JPEG settings of every document image, so a sample estimates what the full encode writes. */
export const jpegOptions = (quality: number) => ({ quality, mozjpeg: true });

/**
 * Auto-rotates by EXIF, drops all metadata (GPS included: sharp keeps none unless asked),
 * downsamples to the size it is printed at, then encodes.
 */
export async function encodeImage(input: string | Buffer, options: EncodeOptions): Promise<{ data: Buffer; width: number; height: number }> {
  encodeCount.images++;
  const pipeline = await downsampled(input, options);
  const { data, info } = await (options.format === 'png'
    ? pipeline.png({ compressionLevel: 9, adaptiveFiltering: true, palette: false })
    : pipeline.jpeg(jpegOptions(options.quality))
  ).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The image rotated upright and shrunk to fit `maxWidth` × `maxHeight`; flattened on white for a JPEG. */
export async function downsampled(input: string | Buffer, options: Omit<EncodeOptions, 'quality'>): Promise<Pipeline> {
  const sharp = await loadSharp();
  const pipeline = sharp(input, { failOn: 'error' })
    .rotate()
    .resize({ width: Math.round(options.maxWidth), height: Math.round(options.maxHeight), fit: 'inside', withoutEnlargement: true });
  return options.format === 'png' ? pipeline : pipeline.flatten({ background: '#ffffff' });
}
