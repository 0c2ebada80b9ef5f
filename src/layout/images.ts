import { encodeImage, loadSharp, type EncodeOptions } from '../media/encode-image.js';
import { cachedData } from '../media/media-cache.js';
import type { SourceImage } from '../read/find-images.js';
import type { PlacedImage } from './markdown.js';
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

/** Placed size in points: the image's natural size, fitted into the text width and 40 % of the page height. */
export function placedSize(image: { width: number; height: number }, theme: Theme): { width: number; height: number } {
  const natural = { width: (image.width * 72) / naturalDpi, height: (image.height * 72) / naturalDpi };
  const scale = Math.min(1, textWidth(theme) / natural.width, (textHeight(theme) * 0.4) / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}

/** How an image is encoded at a quality: the pixels it is printed at, JPEG or PNG. */
export function encodeOptions(image: SourceImage, theme: Theme, quality: ImageQuality): EncodeOptions {
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
export function encoded(image: SourceImage, options: EncodeOptions): Promise<Buffer> {
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
  blank ??= loadSharp().then(async (sharp) =>
    (
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
        .jpeg()
        .toBuffer()
    ).toString('base64'),
  );
  const data = await blank;
  return new Map(images.map((image) => [image.url, { dataUrl: `data:image/jpeg;base64,${data}`, ...placedSize(image, theme), bytes: (data.length * 3) / 4 }]));
}
