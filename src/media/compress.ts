import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { limits } from '../limits.js';
import { writeAtomically } from '../emit/atomic.js';
import { MediaError } from './errors.js';
import { locateFfmpeg, probe, readsWhole, type FfmpegOptions, type FfmpegPaths, type MediaProbe } from './ffmpeg.js';
import { fitAudio, remuxAudio } from './fit-audio.js';
import { besidePid, removeLeftovers } from './leftovers.js';
import { checkDecodes, checkPixelCount, fitImage, type FittedImage } from './fit-image.js';
import { fitVideo, remuxVideo } from './fit-video.js';
import { sniff, type ImageFormat } from './sniff.js';
import { stripJpeg, stripPng } from './strip-metadata.js';
import type { Trim } from './trim.js';

export type MediaKind = 'image' | 'video' | 'audio';

export interface CompressProgress {
  input: string;
  kind: MediaKind;
  /** 0–1, never decreasing. */
  fraction: number;
}

export interface CompressOptions extends FfmpegOptions {
  /** Where the output goes; default `out/` beside the input. */
  outDir?: string;
  /** The output's name without extension; default the input's. */
  name?: string;
  /** Default: the document cap (4,000,000) for images, the media cap (10,000,000) for audio and video. */
  maxBytes?: number;
  /** Part of a clip to keep (ignored for images). */
  trim?: Trim;
  onProgress?: (progress: CompressProgress) => void;
}

export interface CompressResult {
  input: string;
  kind: MediaKind;
  /** The file written. */
  path: string;
  bytes: number;
  maxBytes: number;
  /**
   * Already within the cap in an accepted format: the pictures and sound are copied as they are,
   * only identifying metadata (GPS location, device serials, names, comments) is removed.
   */
  unchanged: boolean;
  /** The output's format differs from the input's, e.g. `{ from: 'png', to: 'jpeg' }`. */
  formatChange?: { from: string; to: string };
  image?: Omit<FittedImage, 'data'>;
  video?: {
    width: number;
    height: number;
    fps: number;
    videoKbps?: number;
    audioKbps?: number;
    audioChannels?: number;
    /** Streams copied into MP4 without re-encoding. */
    remuxed: boolean;
    /** Second passes run (0 when copied or remuxed). */
    encodes: number;
  };
  audio?: { kbps?: number; channels?: number };
  /** Seconds of audio or video written. */
  durationSeconds?: number;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return Boolean(x && y && x.dev === y.dev && x.ino === y.ino);
}

async function guardOutput(input: string, output: string): Promise<void> {
  if (await sameFile(input, output)) throw new MediaError('would-overwrite', { path: output });
}

async function inspect(input: string): Promise<Awaited<ReturnType<typeof sniff>>> {
  const found = await stat(input).catch(() => undefined);
  if (!found) throw new MediaError('missing', { path: input });
  if (!found.isFile()) throw new MediaError('unsupported', { path: input });
  const sniffed = await sniff(input).catch((error: NodeJS.ErrnoException) => {
    throw new MediaError('unreadable', { reason: error.code ?? error.message });
  });
  if (sniffed.bytes === 0) throw new MediaError('empty', { path: input });
  return sniffed;
}

interface Job {
  input: string;
  /** Output path without extension. */
  base: string;
  maxBytes?: number;
  trim?: Trim;
  ffmpeg: FfmpegOptions;
  progress: (kind: MediaKind, fraction: number) => void;
}

/** The extension an image of `format` is written with: the input's own when it names that format. */
function imageExtension(input: string, format: 'jpeg' | 'png'): string {
  const own = extname(input).toLowerCase();
  if (format === 'png') return '.png';
  return ['.jpg', '.jpeg', '.jpe'].includes(own) ? extname(input) : '.jpg';
}

async function compressImage(job: Job, format: ImageFormat, bytes: number): Promise<CompressResult> {
  const maxBytes = job.maxBytes ?? limits.documentMaxBytes;
  const progress = (f: number) => job.progress('image', f);
  if ((format === 'jpeg' || format === 'png') && bytes <= maxBytes) {
    const meta = await checkDecodes(job.input, format);
    const orientation = meta.orientation ?? 1;
    // A PNG's rotation lives in its eXIf chunk, which is dropped: such a rare PNG is re-encoded upright.
    const stripped = format === 'jpeg' ? stripJpeg(await readFile(job.input), orientation) : orientation === 1 ? stripPng(await readFile(job.input)) : undefined;
    if (stripped) {
      const path = job.base + imageExtension(job.input, format);
      await guardOutput(job.input, path);
      await writeAtomically(path, stripped);
      progress(1);
      const swap = orientation >= 5;
      return {
        input: job.input, kind: 'image', path, bytes: stripped.length, maxBytes, unchanged: true,
        image: { format, width: (swap ? meta.height : meta.width) ?? 0, height: (swap ? meta.width : meta.height) ?? 0, downscaled: false, flattened: false },
      };
    }
  }
  const fitted = await fitImage(job.input, { maxBytes, sourceFormat: format, onProgress: progress });
  const path = job.base + (fitted.format === 'jpeg' ? '.jpg' : '.png');
  await guardOutput(job.input, path);
  await writeAtomically(path, fitted.data);
  return {
    input: job.input, kind: 'image', path, bytes: fitted.data.length, maxBytes, unchanged: false,
    formatChange: fitted.format === format ? undefined : { from: format, to: fitted.format },
    image: (({ data: _, ...described }) => described)(fitted),
  };
}

/** H.264 in 8-bit 4:2:0 with AAC (or silent): what every player plays. High 4:4:4, 4:2:2 and 10-bit are not. */
function playsEverywhere(source: MediaProbe): boolean {
  const video = source.video;
  return Boolean(video && video.codec === 'h264' && ['yuv420p', 'yuvj420p'].includes(video.pixelFormat) && (!source.audio || source.audio.codec === 'aac'));
}

/** Seconds to start at and to keep, `--trim` checked against the clip. */
function span(source: MediaProbe, trim: Trim | undefined): { start: number; seconds: number } {
  const duration = source.durationSeconds;
  if (!trim) return { start: 0, seconds: duration };
  if (trim.start >= duration) throw new MediaError('bad-trim', { start: trim.start, seconds: duration });
  const end = Math.min(duration, trim.end ?? duration);
  return { start: trim.start, seconds: end - trim.start };
}

async function compressMedia(job: Job, source: MediaProbe, paths: FfmpegPaths, bytes: number): Promise<CompressResult> {
  const maxBytes = job.maxBytes ?? limits.mediaMaxBytes;
  const { start, seconds } = span(source, job.trim);
  const extension = extname(job.input).toLowerCase();
  const fromFormat = extension.slice(1) || source.formatName;
  const trimmed = job.trim !== undefined;
  if (source.video) {
    const video = source.video;
    const progress = (f: number) => job.progress('video', f);
    if (!(await readsWhole(job.input, paths))) throw new MediaError('corrupt', { why: 'cut-short' });
    const copyable = playsEverywhere(source) && bytes <= maxBytes && !trimmed;
    const path = job.base + (copyable && extension === '.mp4' ? extname(job.input) : '.mp4');
    await guardOutput(job.input, path);
    if (copyable) {
      // Rewrapped even when it is an MP4 already: the copy leaves the phone's location behind.
      const written = await remuxVideo(job.input, path, source, paths);
      if (written <= maxBytes) {
        progress(1);
        const wasMp4 = extension === '.mp4' && source.formatName.includes('mp4');
        return {
          input: job.input, kind: 'video', path, bytes: written, maxBytes, unchanged: wasMp4, formatChange: wasMp4 ? undefined : { from: fromFormat, to: 'mp4' },
          video: { width: video.width, height: video.height, fps: Math.round(video.fps * 100) / 100, remuxed: true, encodes: 0 }, durationSeconds: seconds,
        };
      }
    }
    const fitted = await fitVideo(job.input, path, source, paths, { maxBytes, start, seconds, onProgress: progress });
    const { plan } = fitted;
    return {
      input: job.input, kind: 'video', path, bytes: fitted.bytes, maxBytes, unchanged: false,
      formatChange: extension === '.mp4' ? undefined : { from: fromFormat, to: 'mp4' },
      video: {
        width: plan.width, height: plan.height, fps: Math.round(plan.fps * 100) / 100, videoKbps: plan.videoKbps,
        audioKbps: plan.audioKbps || undefined, audioChannels: plan.audioChannels || undefined, remuxed: false, encodes: fitted.encodes,
      },
      durationSeconds: fitted.durationSeconds,
    };
  }
  const progress = (f: number) => job.progress('audio', f);
  if (source.audio?.codec === 'mp3' && extension === '.mp3' && bytes <= maxBytes && !trimmed) {
    const path = job.base + extname(job.input);
    await guardOutput(job.input, path);
    const written = await remuxAudio(job.input, path, paths);
    if (written <= maxBytes) {
      progress(1);
      return { input: job.input, kind: 'audio', path, bytes: written, maxBytes, unchanged: true, audio: { channels: source.audio.channels }, durationSeconds: seconds };
    }
  }
  const path = job.base + '.mp3';
  await guardOutput(job.input, path);
  const fitted = await fitAudio(job.input, path, source, paths, { maxBytes, start, seconds, onProgress: progress });
  return {
    input: job.input, kind: 'audio', path, bytes: fitted.bytes, maxBytes, unchanged: false,
    formatChange: extension === '.mp3' ? undefined : { from: fromFormat, to: 'mp3' },
    audio: { kbps: fitted.kbps, channels: fitted.channels }, durationSeconds: seconds,
  };
}

async function probeMedia(input: string, ffmpeg: FfmpegOptions): Promise<{ source: MediaProbe; paths: FfmpegPaths }> {
  const paths = await locateFfmpeg(ffmpeg);
  const source = await probe(input, paths);
  // ffprobe reads any text file as an "ANSI art" video; that is not a clip.
  if (source.formatName === 'tty' || (!source.video && !source.audio)) throw new MediaError('unsupported', { path: input });
  if (!(source.durationSeconds > 0)) throw new MediaError('corrupt', { why: 'no-duration' });
  return { source, paths };
}

async function run(job: Job, allowImages: boolean): Promise<CompressResult> {
  const sniffed = await inspect(job.input);
  // Half-written outputs of a run that was killed outright (its temp names carry its pid).
  await removeLeftovers(dirname(job.base), besidePid(basename(job.base)));
  if (sniffed.image || sniffed.namedImage) {
    if (!allowImages) throw new MediaError('not-media', { path: job.input });
    if (!sniffed.image) throw new MediaError('corrupt', { why: 'not-image' });
    await checkPixelCount(job.input);
    return compressImage(job, sniffed.image, sniffed.bytes);
  }
  const { source, paths } = await probeMedia(job.input, job.ffmpeg).catch((error: unknown) => {
    if (error instanceof MediaError && error.code === 'corrupt' && !sniffed.namedMedia) throw new MediaError('unsupported', { path: job.input });
    throw error;
  });
  return compressMedia(job, source, paths, sniffed.bytes);
}

function progressOf(input: string, onProgress: CompressOptions['onProgress']): Job['progress'] {
  let last = -1;
  return (kind, fraction) => {
    if (!onProgress || fraction <= last) return;
    last = fraction;
    onProgress({ input, kind, fraction });
  };
}

/**
 * Fits one image, video or recording under its cap at the best quality that fits, writing
 * `outDir/name.(jpg|png|mp4|mp3)`; a file already fine is copied unchanged. The input is never
 * modified or overwritten. Failures are MediaErrors.
 */
export async function compressFile(input: string, options: CompressOptions = {}): Promise<CompressResult> {
  const outDir = options.outDir ?? join(dirname(input), 'out');
  const name = options.name ?? basename(input, extname(input));
  return run(
    { input, base: join(outDir, name), maxBytes: options.maxBytes, trim: options.trim, ffmpeg: options, progress: progressOf(input, options.onProgress) },
    true,
  );
}

export type FitMediaOptions = Omit<CompressOptions, 'outDir' | 'name'>;

/**
 * A document's 影音檔: video becomes MP4, audio MP3, under the media cap. `outPath`'s extension is
 * replaced by the right one: read the written path from the result. Images are refused ('not-media').
 */
export async function fitMedia(input: string, outPath: string, options: FitMediaOptions = {}): Promise<CompressResult> {
  const base = outPath.slice(0, outPath.length - extname(outPath).length);
  return run({ input, base, maxBytes: options.maxBytes, trim: options.trim, ffmpeg: options, progress: progressOf(input, options.onProgress) }, false);
}
