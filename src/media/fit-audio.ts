import { stat } from 'node:fs/promises';
import { produceAtomically } from '../infra/atomic.js';
import { MediaError } from './errors.js';
import { runFfmpeg, type FfmpegPaths, type MediaProbe } from './ffmpeg.js';

/** Standard MPEG-1/2 Layer III bitrates licheng uses, best first (192 kbps is transparent enough). */
export const mp3Bitrates = [192, 160, 128, 112, 96, 80, 64, 56, 48, 40, 32] as const;
/** Xing/LAME header and frame padding. */
const headerBytes = 2048;

function mp3Bytes(seconds: number, kbps: number): number {
  return seconds * kbps * 125 * 1.003 + headerBytes;
}

/** The highest bitrate whose MP3 fits, or how many seconds would fit at the lowest. */
export function planAudio(seconds: number, maxBytes: number): { kbps: number } | { fitsSeconds: number } {
  const kbps = mp3Bitrates.find((k) => mp3Bytes(seconds, k) <= maxBytes);
  if (kbps) return { kbps };
  const lowest = mp3Bitrates[mp3Bitrates.length - 1]!;
  return { fitsSeconds: Math.max(0, Math.floor((maxBytes - headerBytes) / (lowest * 125 * 1.003))) };
}

/** The bitrate for `seconds` of audio; a recording too long for this cap is a MediaError('too-long'). */
export function audioPlan(seconds: number, maxBytes: number, start = 0): { kbps: number } {
  const planned = planAudio(seconds, maxBytes);
  if ('fitsSeconds' in planned) throw new MediaError('too-long', { kind: 'audio', start, seconds, fitsSeconds: planned.fitsSeconds, maxBytes });
  return planned;
}

export interface FitAudioOptions {
  maxBytes: number;
  start: number;
  seconds: number;
  onProgress?: (fraction: number) => void;
}

export interface FittedAudio {
  kbps: number;
  channels: number;
  bytes: number;
}

/** CBR MP3 at the planned bitrate, stepping down a bitrate if it lands over the cap. */
export async function fitAudio(input: string, output: string, source: MediaProbe, paths: FfmpegPaths, options: FitAudioOptions): Promise<FittedAudio> {
  const planned = audioPlan(options.seconds, options.maxBytes, options.start);
  const inputOptions = options.start > 0 || options.seconds < source.durationSeconds ? ['-ss', String(options.start), '-t', String(options.seconds)] : [];
  const sourceRate = source.audio?.sampleRate ?? 0;
  for (const kbps of mp3Bitrates.filter((k) => k <= planned.kbps)) {
    // Low bitrates sound better mono and at 22.05 kHz than smeared over stereo 44.1 kHz.
    const channels = kbps < 64 ? 1 : Math.min(2, source.audio?.channels ?? 2);
    const rate = kbps <= 48 ? 22_050 : [32_000, 44_100, 48_000].includes(sourceRate) ? sourceRate : 44_100;
    const bytes = await produceAtomically(
      output,
      async (temporary) => {
        await runFfmpeg(paths, {
          input,
          inputOptions,
          output: temporary,
          durationSeconds: options.seconds,
          onProgress: options.onProgress,
          outputOptions: [
            '-map',
            '0:a:0',
            '-c:a',
            'libmp3lame',
            '-b:a',
            `${kbps}k`,
            '-ac',
            String(channels),
            '-ar',
            String(rate),
            '-map_metadata',
            '-1',
            '-id3v2_version',
            '0',
            '-f',
            'mp3',
          ],
        });
        const size = (await stat(temporary)).size;
        if (size > options.maxBytes) throw new MediaError('cannot-fit', { maxBytes: options.maxBytes });
        return size;
      },
      '.mp3',
    ).catch((error: unknown) => {
      if (error instanceof MediaError && error.code === 'cannot-fit') return undefined;
      throw error;
    });
    if (bytes !== undefined) {
      options.onProgress?.(1);
      return { kbps, channels, bytes };
    }
  }
  throw new MediaError('cannot-fit', { maxBytes: options.maxBytes });
}

/** Copies an MP3's audio frames as they are into a new MP3 without its ID3 and APE tags (names, comments, cover art). */
export async function remuxAudio(input: string, output: string, paths: FfmpegPaths): Promise<number> {
  return produceAtomically(
    output,
    async (temporary) => {
      await runFfmpeg(paths, {
        input,
        output: temporary,
        durationSeconds: 0,
        outputOptions: ['-map', '0:a:0', '-c', 'copy', '-map_metadata', '-1', '-id3v2_version', '0', '-fflags', '+bitexact', '-f', 'mp3'],
      });
      return (await stat(temporary)).size;
    },
    '.mp3',
  );
}
