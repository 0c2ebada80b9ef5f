import { rmSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { produceAtomically, tempBeside } from '../infra/atomic.js';
import { MediaError } from './errors.js';
import { probe, runFfmpeg, type FfmpegPaths, type MediaProbe } from './ffmpeg.js';
import { onInterrupt, removeOnInterrupt } from '../infra/interrupt.js';
import { makeTempFolder } from './leftovers.js';

/** Aim here (share of the cap); accept anything from `lowestShare` up to the cap itself. */
const targetShare = 0.96;
const lowestShare = 0.9;
const maxFps = 30;
const preset = 'veryfast';

/**
 * Resolutions by their short side, each with the fewest bits per pixel at which it still looks
 * better than the next one down; below the last one the clip is too long to watch.
 */
const rungs = [
  { short: 1080, minBitsPerPixel: 0.045 },
  { short: 720, minBitsPerPixel: 0.035 },
  { short: 480, minBitsPerPixel: 0.015 },
] as const;

export interface VideoSource {
  durationSeconds: number;
  width: number;
  height: number;
  fps: number;
  audioChannels?: number;
}

export interface VideoPlan {
  width: number;
  height: number;
  fps: number;
  videoKbps: number;
  /** 0 without an audio stream. */
  audioKbps: number;
  audioChannels: number;
}

/** MP4 index and headers: a few KB, plus about a dozen bytes per video frame and per audio frame. */
function containerBytes(seconds: number, fps: number, audio: boolean): number {
  return 4096 + seconds * 12 * (fps + (audio ? 47 : 0));
}

function even(n: number): number {
  return Math.max(2, 2 * Math.round(n / 2));
}

function audioFor(totalKbps: number, channels: number | undefined): { kbps: number; channels: number } {
  if (!channels) return { kbps: 0, channels: 0 };
  if (channels === 1 || totalKbps < 800) return { kbps: 64, channels: 1 };
  return { kbps: totalKbps >= 1500 ? 128 : 96, channels: 2 };
}

/** Resolutions to try, best first, each with the fewest kbps at which it still looks good. */
function candidates(source: VideoSource, fps: number): { width: number; height: number; minKbps: number }[] {
  const sourceShort = Math.min(source.width, source.height);
  const shorts = [...new Set(rungs.map((r) => Math.min(r.short, sourceShort)))];
  return shorts.map((short) => {
    const scale = short / sourceShort;
    const width = even(source.width * scale);
    const height = even(source.height * scale);
    const rung = rungs.find((_, i) => short > (rungs[i + 1]?.short ?? 0))!;
    return { width, height, minKbps: (rung.minBitsPerPixel * width * height * fps) / 1000 };
  });
}

const frameRate = (source: VideoSource) => Math.min(maxFps, source.fps > 0 ? source.fps : maxFps);

/** The best resolution whose bitrate, at this length, is still watchable; undefined when none is. */
function choosePlan(source: VideoSource, maxBytes: number): VideoPlan | undefined {
  const fps = frameRate(source);
  const seconds = source.durationSeconds;
  const totalKbps = ((maxBytes * targetShare - containerBytes(seconds, fps, Boolean(source.audioChannels))) * 8) / seconds / 1000;
  const audio = audioFor(totalKbps, source.audioChannels);
  const videoKbps = Math.floor(totalKbps - audio.kbps);
  const chosen = candidates(source, fps).find((c) => videoKbps >= c.minKbps);
  return chosen && { width: chosen.width, height: chosen.height, fps, videoKbps, audioKbps: audio.kbps, audioChannels: audio.channels };
}

/**
 * Picks resolution, frame rate and bitrates for a clip to land just under `maxBytes`; or, when
 * even the lowest rung would be unwatchable, how many whole seconds would fit.
 */
export function planVideo(source: VideoSource, maxBytes: number): { plan: VideoPlan } | { fitsSeconds: number } {
  const plan = choosePlan(source, maxBytes);
  if (plan) return { plan };
  const fps = frameRate(source);
  const hasAudio = Boolean(source.audioChannels);
  const lowest = candidates(source, fps).at(-1)!;
  const perSecondBits = lowest.minKbps * 1000 + (hasAudio ? 64_000 : 0) + containerBytes(1, fps, hasAudio) * 8 - 4096 * 8;
  // The estimate ignores the rounding of bitrates: step down until the advice, when followed, plans.
  let fitsSeconds = Math.max(0, Math.floor(((maxBytes * targetShare - 4096) * 8) / perSecondBits));
  while (fitsSeconds > 0 && !choosePlan({ ...source, durationSeconds: fitsSeconds }, maxBytes)) fitsSeconds--;
  return { fitsSeconds };
}

/** The plan for `seconds` of a probed clip; a clip too long to watch at this cap is a MediaError('too-long'). */
export function videoPlan(source: MediaProbe, seconds: number, maxBytes: number, start = 0): VideoPlan {
  const video = source.video!;
  const planned = planVideo(
    { durationSeconds: seconds, width: video.width, height: video.height, fps: video.fps, audioChannels: source.audio?.channels },
    maxBytes,
  );
  if ('fitsSeconds' in planned) throw new MediaError('too-long', { kind: 'video', start, seconds, fitsSeconds: planned.fitsSeconds, maxBytes });
  return planned.plan;
}

export interface FitVideoOptions {
  maxBytes: number;
  /** Seconds to start at and how many to keep (already checked against the clip's length). */
  start: number;
  seconds: number;
  onProgress?: (fraction: number) => void;
}

export interface FittedVideo {
  plan: VideoPlan;
  bytes: number;
  durationSeconds: number;
  /** Second passes run: more than one when the first landed outside 90–100 % of the cap. */
  encodes: number;
}

function fpsText(fps: number): string {
  return Number.isInteger(fps) ? String(fps) : fps.toFixed(3);
}

/**
 * Two-pass H.264 + AAC MP4 (faststart) at the planned size. A second pass that lands over the cap,
 * or under 90 % of it, is repeated at a corrected bitrate; the best fitting attempt is kept.
 */
export async function fitVideo(input: string, output: string, source: MediaProbe, paths: FfmpegPaths, options: FitVideoOptions): Promise<FittedVideo> {
  const plan = videoPlan(source, options.seconds, options.maxBytes, options.start);
  const progress = options.onProgress ?? (() => undefined);
  const inputOptions = options.start > 0 || options.seconds < source.durationSeconds ? ['-ss', String(options.start), '-t', String(options.seconds)] : [];
  const logs = await makeTempFolder('x264');
  const forgetLogs = removeOnInterrupt(logs);
  const sampleRate = source.audio && source.audio.sampleRate > 48_000 ? ['-ar', '48000'] : [];
  const videoOptions = (kbps: number, pass: 1 | 2) => [
    '-map',
    '0:v:0',
    '-vf',
    `fps=${fpsText(plan.fps)},scale=${plan.width}:${plan.height}:flags=bicubic,setsar=1`,
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-b:v',
    `${kbps}k`,
    '-pass',
    String(pass),
    '-passlogfile',
    join(logs, 'x264'),
  ];
  const audioOptions = plan.audioKbps ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', `${plan.audioKbps}k`, '-ac', String(plan.audioChannels), ...sampleRate] : [];
  const firstPassShare = 0.35;
  try {
    await runFfmpeg(paths, {
      input,
      inputOptions,
      durationSeconds: options.seconds,
      outputOptions: [...videoOptions(plan.videoKbps, 1), '-an', '-f', 'null'],
      onProgress: (f) => progress(f * firstPassShare),
    });
    return await produceAtomically(
      output,
      async (temporary) => {
        const overhead = containerBytes(options.seconds, plan.fps, plan.audioKbps > 0) + plan.audioKbps * 125 * options.seconds;
        let kbps = plan.videoKbps;
        let best: { file: string; bytes: number; kbps: number } | undefined;
        let encodes = 0;
        const attempts: string[] = [];
        const forgetAttempts = onInterrupt(() => attempts.forEach((file) => rmSync(file, { force: true })));
        try {
          while (encodes < 4) {
            const attempt = tempBeside(output, '.mp4');
            attempts.push(attempt);
            encodes++;
            await runFfmpeg(paths, {
              input,
              inputOptions,
              output: attempt,
              durationSeconds: options.seconds,
              outputOptions: [...videoOptions(kbps, 2), ...audioOptions, '-map_metadata', '-1', '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4'],
              onProgress: (f) => progress(firstPassShare + f * (1 - firstPassShare)),
            });
            const bytes = (await stat(attempt)).size;
            if (bytes <= options.maxBytes && (!best || bytes > best.bytes)) best = { file: attempt, bytes, kbps };
            if (bytes <= options.maxBytes && bytes >= options.maxBytes * lowestShare) break;
            const got = Math.max(1, bytes - overhead);
            // Far under the bitrate asked for: the clip (short, or simple) needs no more; asking more buys nothing.
            if (bytes <= options.maxBytes && (got * 8) / options.seconds / 1000 < kbps * 0.8) break;
            // Scale the video share of the bytes toward the target; x264 two-pass is close to linear.
            const wanted = options.maxBytes * targetShare - overhead;
            kbps = Math.max(1, Math.floor(kbps * Math.min(1.6, Math.max(0.5, wanted / got)) * (bytes > options.maxBytes ? 0.98 : 1)));
          }
          if (!best) throw new MediaError('cannot-fit', { maxBytes: options.maxBytes });
          await rename(best.file, temporary);
        } finally {
          await Promise.all(attempts.map((file) => rm(file, { force: true })));
          forgetAttempts();
        }
        const written = await probe(temporary, paths);
        // A decoder that gave up part-way (truncated source) still exits 0: compare lengths.
        if (written.durationSeconds < options.seconds * 0.9 - 0.5) {
          throw new MediaError('corrupt', { why: 'part-decoded', decoded: written.durationSeconds.toFixed(1), seconds: options.seconds.toFixed(1) });
        }
        progress(1);
        // What the file holds: a short or simple clip takes far less than the bitrate asked for.
        const videoKbps = written.video?.bitRate ? Math.round(written.video.bitRate / 1000) : best.kbps;
        return { plan: { ...plan, videoKbps }, bytes: best.bytes, durationSeconds: written.durationSeconds, encodes };
      },
      '.mp4',
    );
  } finally {
    await rm(logs, { recursive: true, force: true });
    forgetLogs();
  }
}

/**
 * Copies the streams into an MP4 (faststart) without re-encoding, for H.264/AAC that already fits.
 * Every tag is dropped (a phone's GPS location, device model, chapters); the picture's rotation,
 * a tag itself for the bundled ffmpeg, is written back.
 */
export async function remuxVideo(input: string, output: string, source: MediaProbe, paths: FfmpegPaths): Promise<number> {
  // The tag turns the other way round from the display matrix `probe` reads.
  const rotation = source.video?.rotation ? ['-metadata:s:v:0', `rotate=${360 - source.video.rotation}`] : [];
  return produceAtomically(
    output,
    async (temporary) => {
      await runFfmpeg(paths, {
        input,
        output: temporary,
        durationSeconds: source.durationSeconds,
        outputOptions: [
          '-map',
          '0:v:0',
          ...(source.audio ? ['-map', '0:a:0'] : []),
          '-c',
          'copy',
          '-map_metadata',
          '-1',
          '-map_chapters',
          '-1',
          ...rotation,
          '-fflags',
          '+bitexact',
          '-movflags',
          '+faststart',
          '-f',
          'mp4',
        ],
      });
      return (await stat(temporary)).size;
    },
    '.mp4',
  );
}
