import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Definition, Root } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { imageProblem, resolveAsset } from '../read/resolve-asset.js';
import { downsampled, encodeCount, encodeImage, imageInfo, jpegOptions, loadSharp, type EncodeOptions, type ImageInfo } from '../media/encode-image.js';
import type { Raw } from '../media/fit-image.js';
import { cachedData } from '../media/media-cache.js';
import { sniff } from '../media/sniff.js';
import { imageUrls, type PlacedImage } from './markdown.js';
import { textHeight, textWidth, type Theme } from './theme.js';

/** Print resolution images are downsampled to, and the size a small image is shown at. */
const printDpi = 300;
const naturalDpi = 150;

export interface ImageQuality {
  jpegQuality: number;
  /** Multiplies the print resolution when a document must shrink to fit its cap. */
  resolution: number;
  /** Photos saved as PNG become JPEG once a document has to shrink. */
  keepPng: boolean;
}

/** What generated documents (表A, 表B) print their images at; they carry few. */
export const defaultQuality: ImageQuality = { jpegQuality: 82, resolution: 1, keepPng: true };
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

export interface SourceImage {
  url: string;
  path: string;
  width: number;
  height: number;
  png: boolean;
  /** sha256 of the file: what the encodings of it are cached by. */
  hash: string;
}

/** An image or evidence file named in a document, and where it is named. */
export interface AssetRef {
  url: string;
  place: Position | undefined;
}

/** The images written in Markdown, at their nodes. */
export function markdownImageRefs(tree: Root, definitions: ReadonlyMap<string, Definition>): AssetRef[] {
  return imageUrls(tree.children, definitions).map(({ url, node }) => ({
    url,
    place: node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined,
  }));
}

/** Finds, checks and measures every image of a document; problems become diagnostics at the image. */
export async function findImages(refs: readonly AssetRef[], file: string, displayPath: string, root: string): Promise<{ images: SourceImage[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const images: SourceImage[] = [];
  const seen = new Set<string>();
  for (const { url, place } of refs) {
    if (seen.has(url)) continue;
    seen.add(url);
    const resolved = resolveAsset(file, url, root);
    if ('problem' in resolved) {
      diagnostics.push(diagnostic(displayPath, place, 'error', imageProblem[resolved.problem], { path: url }));
      continue;
    }
    const probed = await probeImage(resolved.path);
    if ('info' in probed) {
      const { info } = probed;
      images.push({ url, path: resolved.path, hash: probed.hash, width: info.width, height: info.height, png: info.format === 'png' || (info.hasAlpha && info.format !== 'jpeg') });
    } else {
      diagnostics.push(diagnostic(displayPath, place, 'error', probed.problem, { path: url, reason: probed.reason }));
    }
  }
  return { images, diagnostics };
}

/** Placed size in points: the image's natural size, fitted into the text width and 40 % of the page height. */
export function placedSize(image: { width: number; height: number }, theme: Theme): { width: number; height: number } {
  const natural = { width: (image.width * 72) / naturalDpi, height: (image.height * 72) / naturalDpi };
  const scale = Math.min(1, textWidth(theme) / natural.width, (textHeight(theme) * 0.4) / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}

/** How an image is encoded at a quality: the pixels it is printed at, JPEG or PNG. */
function encodeOptions(image: SourceImage, theme: Theme, quality: ImageQuality): EncodeOptions {
  const size = placedSize(image, theme);
  const dpi = printDpi * quality.resolution;
  return {
    maxWidth: Math.max(16, (size.width / 72) * dpi),
    maxHeight: Math.max(16, (size.height / 72) * dpi),
    format: image.png && quality.keepPng ? 'png' : 'jpeg',
    quality: quality.jpegQuality,
  };
}

/** An image encoded, or the same encoding from the cache. */
function encoded(image: SourceImage, options: EncodeOptions): Promise<Buffer> {
  return cachedData({ image: image.hash, ...options }, async () => (await encodeImage(image.path, options)).data);
}

/** Encodes each image at the pixels it is printed at, as data URLs (pdfmake takes no Buffers). */
export async function placeImages(images: readonly SourceImage[], theme: Theme, quality: ImageQuality): Promise<Map<string, PlacedImage & { bytes: number }>> {
  const placed = await Promise.all(
    images.map(async (image) => {
      const options = encodeOptions(image, theme, quality);
      const data = await encoded(image, options);
      const mime = options.format === 'png' ? 'image/png' : 'image/jpeg';
      return [image.url, { dataUrl: `data:${mime};base64,${data.toString('base64')}`, ...placedSize(image, theme), bytes: data.length }] as const;
    }),
  );
  return new Map(placed);
}

let blank: Promise<string> | undefined;

/** Every image as a 1-pixel stand-in at its placed size: the document typeset to learn what its text costs. */
export async function placeholderImages(images: readonly SourceImage[], theme: Theme): Promise<Map<string, PlacedImage & { bytes: number }>> {
  blank ??= loadSharp().then(async (sharp) => (await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).jpeg().toBuffer()).toString('base64'));
  const data = await blank;
  return new Map(images.map((image) => [image.url, { dataUrl: `data:image/jpeg;base64,${data}`, ...placedSize(image, theme), bytes: (data.length * 3) / 4 }]));
}

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
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }).jpeg(jpegOptions(quality)).toBuffer();
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

export type ImageProbe = { info: ImageInfo; hash: string } | { problem: 'image-heic' | 'image-undecodable'; reason: string };

/** Probes by file content, so `check` and then the build of the same document decode each image once. */
const probes = new Map<string, Promise<ImageProbe>>();
const probesKept = 256;

/**
 * Decodes every pixel of an image (at a small size: quick) as typesetting will, so a file whose
 * header reads but whose data does not (a truncated JPEG, a HEIC this sharp has no decoder for)
 * is found by `check`, at the image, and never half-way through a build.
 */
export async function probeImage(path: string): Promise<ImageProbe> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    return { problem: 'image-undecodable', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  const key = createHash('sha256').update(data).digest('hex');
  let probe = probes.get(key);
  if (!probe) {
    probe = decode(data, path, key);
    probes.set(key, probe);
    if (probes.size > probesKept) probes.delete(probes.keys().next().value!);
  }
  return probe;
}

async function decode(data: Buffer, path: string, hash: string): Promise<ImageProbe> {
  try {
    const info = await imageInfo(data);
    const sharp = await loadSharp();
    await sharp(data, { failOn: 'error' }).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    return { info, hash };
  } catch (error) {
    // An iPhone photo, whatever its name: sharp's prebuilt libheif reads HEIC headers but has no HEVC decoder.
    if ((await sniff(path).catch(() => undefined))?.image === 'heic') return { problem: 'image-heic', reason: '' };
    return { problem: 'image-undecodable', reason: (error as Error).message.split('\n')[0] ?? '' };
  }
}
