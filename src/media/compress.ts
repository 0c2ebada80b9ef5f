import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { limits } from '../limits.js';
import { tempBeside, writeAtomically } from '../infra/atomic.js';
import { onInterrupt } from '../infra/interrupt.js';
import { MediaError } from './errors.js';
import { locateFfmpeg, probe, readsWhole, type FfmpegOptions, type FfmpegPaths, type MediaProbe } from './ffmpeg.js';
import { audioPlan, fitAudio, remuxAudio } from './fit-audio.js';
import { besidePid, isRunning, removeLeftovers } from './leftovers.js';
import { checkDecodes, checkPixelCount, fitImage, type FittedImage } from './fit-image.js';
import { fitVideo, remuxVideo, videoPlan } from './fit-video.js';
import { sniff, type ImageFormat, type Sniffed } from './sniff.js';
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

/**
 * Where a job writes. A document's 影音檔 goes to its fixed place in the build's output (replacing
 * the previous build's). `compress` never overwrites: it takes the first free name of `photo.jpg`,
 * `photo-1.jpg`, … and claims it with a hidden note beside it (`.photo.jpg.<pid>.<hex>.claim`), so
 * that a parallel job takes another name; neither an unrelated file nor the input is replaced, and a
 * job killed outright leaves no empty `photo.jpg` behind, only a note the next job sees is dead.
 */
async function outputPath(job: Job, extension: string): Promise<string> {
  if (!job.freshName) {
    const path = job.base + extension;
    await guardOutput(job.input, path);
    return path;
  }
  for (let n = 0; ; n++) {
    const path = `${job.base}${n ? `-${n}` : ''}${extension}`;
    if (await exists(path)) continue;
    const claim = tempBeside(path, '.claim');
    await writeFile(claim, '', { flag: 'wx' });
    // Of two jobs claiming one name at once, the smaller note keeps it.
    const rivals = await liveClaims(path);
    if (rivals.some((other) => other < basename(claim)) || (await exists(path))) {
      await rm(claim, { force: true });
      continue;
    }
    job.claimed = claim;
    return path;
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The claim notes on `path` of jobs still running; those of dead ones are removed. */
async function liveClaims(path: string): Promise<string[]> {
  const note = new RegExp(`^\\.${basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]{12}\\.claim$`);
  const live: string[] = [];
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    const pid = Number(note.exec(name)?.[1]);
    if (!pid) continue;
    if (isRunning(pid)) live.push(name);
    else await rm(join(dirname(path), name), { force: true });
  }
  return live;
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
  /** Write under a name no file has yet (compress), rather than at `base` exactly (a build's media). */
  freshName?: boolean;
  /** The note by which outputPath claimed the output's name, removed when the job ends. */
  claimed?: string;
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
    const stripped =
      format === 'jpeg' ? stripJpeg(await readFile(job.input), orientation) : orientation === 1 ? stripPng(await readFile(job.input)) : undefined;
    if (stripped) {
      const path = await outputPath(job, imageExtension(job.input, format));
      await writeAtomically(path, stripped);
      progress(1);
      const swap = orientation >= 5;
      return {
        input: job.input,
        kind: 'image',
        path,
        bytes: stripped.length,
        maxBytes,
        unchanged: true,
        image: { format, width: (swap ? meta.height : meta.width) ?? 0, height: (swap ? meta.width : meta.height) ?? 0, downscaled: false, flattened: false },
      };
    }
  }
  const fitted = await fitImage(job.input, { maxBytes, sourceFormat: format, onProgress: progress });
  const path = await outputPath(job, fitted.format === 'jpeg' ? '.jpg' : '.png');
  await writeAtomically(path, fitted.data);
  return {
    input: job.input,
    kind: 'image',
    path,
    bytes: fitted.data.length,
    maxBytes,
    unchanged: false,
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

/** What every player plays and fits is rewrapped (its metadata left behind), never re-encoded. */
function videoCopyable(source: MediaProbe, bytes: number, maxBytes: number, trimmed: boolean): boolean {
  return playsEverywhere(source) && bytes <= maxBytes && !trimmed;
}

/** An MP3 that fits is copied as it is. */
function audioCopyable(input: string, source: MediaProbe, bytes: number, maxBytes: number, trimmed: boolean): boolean {
  return source.audio?.codec === 'mp3' && extname(input).toLowerCase() === '.mp3' && bytes <= maxBytes && !trimmed;
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
    const copyable = videoCopyable(source, bytes, maxBytes, trimmed);
    const path = await outputPath(job, copyable && extension === '.mp4' ? extname(job.input) : '.mp4');
    if (copyable) {
      // Rewrapped even when it is an MP4 already: the copy leaves the phone's location behind.
      const written = await remuxVideo(job.input, path, source, paths);
      if (written <= maxBytes) {
        progress(1);
        const wasMp4 = extension === '.mp4' && source.formatName.includes('mp4');
        return {
          input: job.input,
          kind: 'video',
          path,
          bytes: written,
          maxBytes,
          unchanged: wasMp4,
          formatChange: wasMp4 ? undefined : { from: fromFormat, to: 'mp4' },
          video: { width: video.width, height: video.height, fps: Math.round(video.fps * 100) / 100, remuxed: true, encodes: 0 },
          durationSeconds: seconds,
        };
      }
    }
    const fitted = await fitVideo(job.input, path, source, paths, { maxBytes, start, seconds, onProgress: progress });
    const { plan } = fitted;
    return {
      input: job.input,
      kind: 'video',
      path,
      bytes: fitted.bytes,
      maxBytes,
      unchanged: false,
      formatChange: extension === '.mp4' ? undefined : { from: fromFormat, to: 'mp4' },
      video: {
        width: plan.width,
        height: plan.height,
        fps: Math.round(plan.fps * 100) / 100,
        videoKbps: plan.videoKbps,
        audioKbps: plan.audioKbps || undefined,
        audioChannels: plan.audioChannels || undefined,
        remuxed: false,
        encodes: fitted.encodes,
      },
      durationSeconds: fitted.durationSeconds,
    };
  }
  const progress = (f: number) => job.progress('audio', f);
  if (audioCopyable(job.input, source, bytes, maxBytes, trimmed)) {
    const path = await outputPath(job, extname(job.input));
    const written = await remuxAudio(job.input, path, paths);
    if (written <= maxBytes) {
      progress(1);
      return {
        input: job.input,
        kind: 'audio',
        path,
        bytes: written,
        maxBytes,
        unchanged: true,
        audio: { channels: source.audio?.channels },
        durationSeconds: seconds,
      };
    }
  }
  const path = await outputPath(job, '.mp3');
  const fitted = await fitAudio(job.input, path, source, paths, { maxBytes, start, seconds, onProgress: progress });
  return {
    input: job.input,
    kind: 'audio',
    path,
    bytes: fitted.bytes,
    maxBytes,
    unchanged: false,
    formatChange: extension === '.mp3' ? undefined : { from: fromFormat, to: 'mp3' },
    audio: { kbps: fitted.kbps, channels: fitted.channels },
    durationSeconds: seconds,
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
  const { source, paths } = await probeSniffed(job.input, sniffed, job.ffmpeg);
  return compressMedia(job, source, paths, sniffed.bytes);
}

async function probeSniffed(input: string, sniffed: Sniffed, ffmpeg: FfmpegOptions): Promise<{ source: MediaProbe; paths: FfmpegPaths }> {
  return probeMedia(input, ffmpeg).catch((error: unknown) => {
    if (error instanceof MediaError && error.code === 'corrupt' && !sniffed.namedMedia) throw new MediaError('unsupported', { path: input });
    throw error;
  });
}

/**
 * What `fitMedia` would refuse, found without encoding (ffprobe only): `check`'s view of a
 * 影音檔, so check and build agree. Throws the MediaError `fitMedia` would throw.
 */
export async function checkMedia(input: string, options: FitMediaOptions = {}): Promise<void> {
  const sniffed = await inspect(input);
  if (sniffed.image || sniffed.namedImage) throw new MediaError('not-media', { path: input });
  const { source, paths } = await probeSniffed(input, sniffed, options);
  const maxBytes = options.maxBytes ?? limits.mediaMaxBytes;
  const { start, seconds } = span(source, options.trim);
  const trimmed = options.trim !== undefined;
  if (source.video) {
    if (!(await readsWhole(input, paths))) throw new MediaError('corrupt', { why: 'cut-short' });
    if (!videoCopyable(source, sniffed.bytes, maxBytes, trimmed)) videoPlan(source, seconds, maxBytes, start);
  } else if (!audioCopyable(input, source, sniffed.bytes, maxBytes, trimmed)) {
    audioPlan(seconds, maxBytes, start);
  }
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
 * `outDir/name.(jpg|png|mp4|mp3)`, or `name-1.…`, `name-2.…` when that name is taken; a file already
 * fine is copied unchanged. No file is ever overwritten, the input least of all. Failures are MediaErrors.
 */
export async function compressFile(input: string, options: CompressOptions = {}): Promise<CompressResult> {
  const outDir = options.outDir ?? join(dirname(input), 'out');
  const name = options.name ?? basename(input, extname(input));
  await mkdir(outDir, { recursive: true });
  const job: Job = {
    input,
    base: join(outDir, name),
    maxBytes: options.maxBytes,
    trim: options.trim,
    ffmpeg: options,
    progress: progressOf(input, options.onProgress),
    freshName: true,
  };
  // The claim note goes when the job ends, however it ends.
  const forget = onInterrupt(() => job.claimed && rmSync(job.claimed, { force: true }));
  try {
    return await run(job, true);
  } finally {
    if (job.claimed) await rm(job.claimed, { force: true });
    forget();
  }
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
