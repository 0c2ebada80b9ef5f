import { downsampled, encodeCount, jpegOptions, loadSharp, type EncodeOptions } from '../media/encode-image.js';
import type { Raw } from '../media/fit-image.js';
import { cachedData } from '../media/media-cache.js';
import type { SourceImage } from '../read/find-images.js';
import { encoded, encodeOptions, type ImageQuality } from './images.js';
import type { Theme } from './theme.js';

/** The highest quality a document's photos get: above it the bytes grow fast for nothing seen on paper. */
export const bestQuality = 90;
/** Below this quality the images were shrunk to fit, and the student is told. */
const recompressedBelow = 82;

/**
 * The ways a document's images shrink, tried in order until they fit its cap; in each, the highest
 * common quality (≤ `bestQuality`, ≥ its floor) that fits is searched. Below quality 60 a photo
 * looks worse than the same photo with fewer pixels, hence fewer pixels before a lower floor.
 */
const shrinkSteps: readonly (Omit<ImageQuality, 'jpegQuality'> & { floor: number })[] = [
  { resolution: 1, keepPng: true, floor: 60 },
  { resolution: 1, keepPng: false, floor: 60 },
  { resolution: 0.75, keepPng: false, floor: 60 },
  { resolution: 0.5, keepPng: false, floor: 60 },
  { resolution: 0.4, keepPng: false, floor: 42 },
];

/** Pixels of each image's sample: the document's sum of estimates averages out each one's error. */
const samplePixels = 120_000;

/** The images' total bytes at a quality: PNGs encoded, JPEGs estimated from a sample of their printed pixels. */
export type ImageEstimator = (quality: ImageQuality) => Promise<number>;

export function imageEstimator(images: readonly SourceImage[], theme: Theme): ImageEstimator {
  const samplers = new Map<string, Promise<Sampler>>();
  const known = new Map<string, Promise<number>>();
  const one = (image: SourceImage, options: EncodeOptions): Promise<number> => {
    if (options.format === 'png') return encoded(image, options).then((data) => data.length);
    const key = JSON.stringify({ estimate: image.hash, ...options, samplePixels });
    let bytes = known.get(key);
    if (!bytes) {
      // Cached as text: a rebuild's search then decodes nothing.
      bytes = cachedData(JSON.parse(key) as object, async () => {
        const size = `${image.hash} ${options.maxWidth} ${options.maxHeight}`;
        let sampled = samplers.get(size);
        if (!sampled) samplers.set(size, (sampled = sampleOf(image, options)));
        const estimate = await (await sampled)((part) => encodeRaw(part, options.quality));
        return Buffer.from(String(Math.round(estimate.bytes)));
      }).then((text) => Number(text.toString()));
      known.set(key, bytes);
    }
    return bytes;
  };
  return async (quality) => (await Promise.all(images.map((image) => one(image, encodeOptions(image, theme, quality))))).reduce((a, b) => a + b, 0);
}

type Sampler = (encode: (raw: Raw) => Promise<Buffer>) => Promise<{ bytes: number }>;

async function sampleOf(image: SourceImage, options: EncodeOptions): Promise<Sampler> {
  const { sampler } = await import('../media/fit-image.js');
  const { data, info } = await (await downsampled(image.path, options)).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return sampler({ data, width: info.width, height: info.height, channels: info.channels as 3 }, samplePixels);
}

async function encodeRaw(raw: Raw, quality: number): Promise<Buffer> {
  encodeCount.images++;
  const sharp = await loadSharp();
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
    .jpeg(jpegOptions(quality))
    .toBuffer();
}

export interface QualityChoice {
  quality: ImageQuality;
  /** The estimate of the images' bytes at that quality. */
  bytes: number;
  /** Under the budget; when false, the smallest there is. */
  fits: boolean;
  /** Shrunk below what a document's images usually get: the student is told. */
  shrunk: boolean;
}

/** The first shrink step whose floor fits `budget`, at the highest common quality that fits. */
export async function chooseQuality(estimate: ImageEstimator, budget: number): Promise<QualityChoice> {
  for (const [step, { floor, ...rest }] of shrinkSteps.entries()) {
    const at = (jpegQuality: number): ImageQuality => ({ jpegQuality, ...rest });
    if ((await estimate(at(floor))) > budget) continue;
    let low = floor;
    let high = bestQuality;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((await estimate(at(middle))) <= budget) low = middle;
      else high = middle - 1;
    }
    return { quality: at(low), bytes: await estimate(at(low)), fits: true, shrunk: step > 0 || low < recompressedBelow };
  }
  const { floor, ...rest } = shrinkSteps[shrinkSteps.length - 1]!;
  const quality = { jpegQuality: floor, ...rest };
  return { quality, bytes: await estimate(quality), fits: false, shrunk: true };
}
