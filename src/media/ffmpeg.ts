import { execFile } from 'node:child_process';
import { constants, rmSync } from 'node:fs';
import { access, chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { tempBeside } from '../infra/atomic.js';
import { MediaError } from './errors.js';
import { onInterrupt } from '../infra/interrupt.js';
import { makeTempFolder } from './leftovers.js';

/**
 * Every ffmpeg/ffprobe process licheng starts goes through this module: where the binaries are,
 * what a file contains (probe), and running one encode with progress.
 */

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
}

export interface FfmpegOptions {
  /** Explicit binaries (e.g. `--ffmpeg PATH`); win over LICHENG_FFMPEG / LICHENG_FFPROBE. */
  ffmpeg?: string;
  ffprobe?: string;
}

const require = createRequire(import.meta.url);
const exe = process.platform === 'win32' ? '.exe' : '';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file itself when it may be executed; otherwise (an `npm ci --ignore-scripts` install skips
 * the package's chmod) a copy with mode 0755 in a per-user cache folder, placed there atomically.
 */
export async function ensureExecutable(file: string, version: string): Promise<string> {
  if (await isExecutable(file)) return file;
  const user = process.getuid?.() ?? 'user';
  const folder = join(tmpdir(), `licheng-bin-${version}-${user}`);
  const target = join(folder, basename(file));
  const [source, cached] = await Promise.all([stat(file), stat(target).catch(() => undefined)]);
  const ours = cached && (process.getuid === undefined || cached.uid === process.getuid());
  if (ours && cached.size === source.size && (await isExecutable(target))) return target;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = tempBeside(target, '.tmp');
  try {
    await copyFile(file, temporary);
    await chmod(temporary, 0o755);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}

function bundled(name: 'ffmpeg' | 'ffprobe'): { path: string; version: string } | undefined {
  try {
    const found = require(`@${name}-installer/${name}`) as { path: string; version: string };
    return { path: found.path, version: `${name}-${found.version}` };
  } catch {
    return undefined; // no binary for this platform: fall through to PATH
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && (await isExecutable(join(folder, name + exe)))) return join(folder, name + exe);
  }
  return undefined;
}

function runs(file: string): Promise<boolean> {
  return new Promise((resolve) => execFile(file, ['-version'], { timeout: 15_000 }, (error) => resolve(!error)));
}

async function locateOne(name: 'ffmpeg' | 'ffprobe', explicit: string | undefined): Promise<string> {
  if (explicit) {
    if (await runs(explicit)) return explicit;
    throw new MediaError('no-ffmpeg', { path: explicit });
  }
  const npm = bundled(name);
  if (npm) {
    const usable = await ensureExecutable(npm.path, npm.version).catch(() => undefined);
    if (usable && (await runs(usable))) return usable;
  }
  const system = await onPath(name);
  if (system && (await runs(system))) return system;
  throw new MediaError('no-ffmpeg', { path: name });
}

const located = new Map<string, Promise<FfmpegPaths>>();

/**
 * ffmpeg and ffprobe, in this order: the explicit option, LICHENG_FFMPEG / LICHENG_FFPROBE,
 * ffprobe beside an explicit ffmpeg, the binaries installed by npm, then PATH.
 */
export function locateFfmpeg(options: FfmpegOptions = {}): Promise<FfmpegPaths> {
  const wantedFfmpeg = options.ffmpeg ?? process.env.LICHENG_FFMPEG;
  const key = `${wantedFfmpeg ?? ''}\0${options.ffprobe ?? ''}\0${process.env.LICHENG_FFPROBE ?? ''}`;
  let paths = located.get(key);
  if (!paths) {
    paths = (async () => {
      const ffmpegPath = await locateOne('ffmpeg', wantedFfmpeg);
      const sibling = wantedFfmpeg ? join(dirname(wantedFfmpeg), 'ffprobe' + exe) : undefined;
      const wantedProbe = options.ffprobe ?? process.env.LICHENG_FFPROBE ?? (sibling && (await isExecutable(sibling)) ? sibling : undefined);
      return { ffmpeg: ffmpegPath, ffprobe: await locateOne('ffprobe', wantedProbe) };
    })();
    located.set(key, paths);
    paths.catch(() => located.delete(key));
  }
  return paths;
}

export interface VideoStream {
  codec: string;
  /** e.g. `yuv420p`, `yuv444p`, `yuv420p10le`. */
  pixelFormat: string;
  /** Size as displayed, rotation applied. */
  width: number;
  height: number;
  /** Clockwise degrees a player turns the picture (0, 90, 180, 270). */
  rotation: number;
  /** Frames per second: the average, or for variable frame rate the higher of average and nominal. */
  fps: number;
  variableFrameRate: boolean;
  /** Bits per second of the stream, when the container says. */
  bitRate?: number;
}

export interface AudioStream {
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface MediaProbe {
  formatName: string;
  /** 0 when the container does not say. */
  durationSeconds: number;
  video?: VideoStream;
  audio?: AudioStream;
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  pix_fmt?: string;
  bit_rate?: string;
  width?: number;
  height?: number;
  channels?: number;
  sample_rate?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

function rate(text: string | undefined): number {
  const [num, den] = (text ?? '').split('/').map(Number);
  return num && den ? num / den : 0;
}

function videoStream(raw: RawStream): VideoStream {
  // A display matrix's rotation is counter-clockwise; the legacy `rotate` tag is clockwise.
  const matrix = raw.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation;
  const rotation = (((matrix !== undefined ? -matrix : Number(raw.tags?.rotate ?? 0)) % 360) + 360) % 360;
  const swap = rotation === 90 || rotation === 270;
  const average = rate(raw.avg_frame_rate);
  const nominal = rate(raw.r_frame_rate);
  const variableFrameRate = average > 0 && nominal > 0 && Math.abs(average - nominal) / nominal > 0.01;
  return {
    codec: raw.codec_name ?? 'unknown',
    pixelFormat: raw.pix_fmt ?? 'unknown',
    width: (swap ? raw.height : raw.width) ?? 0,
    height: (swap ? raw.width : raw.height) ?? 0,
    rotation,
    fps: variableFrameRate ? Math.max(average, nominal) : average || nominal,
    variableFrameRate,
    bitRate: Number(raw.bit_rate) > 0 ? Number(raw.bit_rate) : undefined,
  };
}

/**
 * A file name as ffmpeg and ffprobe must read it: absolute, behind the `file:` protocol, so that
 * `-clip.mp4` is not an option, `concat:a.webm` or `http:x` not a protocol, and `-` not standard input.
 */
export function fileUrl(path: string): string {
  return `file:${resolve(path)}`;
}

/** ffmpeg's messages name the files they are about: by their name only, never the folders above. */
function withoutFolders(text: string, files: readonly string[]): string {
  return files.reduce((said, file) => said.split(fileUrl(file)).join(basename(file)).split(resolve(file)).join(basename(file)), text);
}

/** What a media file holds, from ffprobe. An unreadable file is a MediaError('corrupt'). */
export async function probe(input: string, paths: FfmpegPaths): Promise<MediaProbe> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', fileUrl(input)];
  const output = await new Promise<string>((resolve, reject) =>
    execFile(paths.ffprobe, args, { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) resolve(stdout);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new MediaError('no-ffmpeg', { path: paths.ffprobe }));
      else reject(new MediaError('corrupt', { reason: withoutFolders(lastLine(stderr) || error.message, [input]) }));
    }),
  );
  const data = JSON.parse(output) as { format?: { format_name?: string; duration?: string }; streams?: RawStream[] };
  const streams = data.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const durations = [data.format?.duration, ...streams.map((s) => s.duration)].map(Number).filter((d) => Number.isFinite(d) && d > 0);
  return {
    formatName: data.format?.format_name ?? 'unknown',
    durationSeconds: Number(data.format?.duration) > 0 ? Number(data.format?.duration) : Math.max(0, ...durations),
    video: video && videoStream(video),
    audio: audio && { codec: audio.codec_name ?? 'unknown', channels: audio.channels ?? 0, sampleRate: Number(audio.sample_rate ?? 0) },
  };
}

/**
 * Whether every video packet the index lists can be read: a copied file is never decoded, so a
 * clip cut off after its index (faststart) would otherwise pass. Reads, does not decode: quick.
 */
export async function readsWhole(input: string, paths: FfmpegPaths): Promise<boolean> {
  const args = [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_packets',
    '-show_entries',
    'stream=nb_frames,nb_read_packets',
    '-print_format',
    'json',
    fileUrl(input),
  ];
  const output = await new Promise<string>((resolve) =>
    execFile(paths.ffprobe, args, { maxBuffer: 1024 * 1024, timeout: 120_000 }, (error, stdout) => resolve(error ? '' : stdout)),
  );
  const stream = (JSON.parse(output || '{}') as { streams?: { nb_frames?: string; nb_read_packets?: string }[] }).streams?.[0];
  const listed = Number(stream?.nb_frames);
  const read = Number(stream?.nb_read_packets);
  return !(listed > 0) || read >= listed;
}

export interface RunOptions {
  input: string;
  /** Options before `-i` (seeking: `-ss`, `-t`). */
  inputOptions?: string[];
  outputOptions: string[];
  /** Undefined: no file is written (`-f null`, a first pass). */
  output?: string;
  /** Seconds of output expected, for progress. */
  durationSeconds: number;
  /** Fraction done, 0–1, as ffmpeg reports its time mark. */
  onProgress?: (fraction: number) => void;
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('frame=') && !line.startsWith('size='))
      .pop() ?? ''
  );
}

function seconds(timemark: string): number {
  return timemark.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

const corruptPatterns = /Invalid data found|moov atom not found|could not find codec parameters|Error while decoding|End of file/i;

const guards = new Map<string, Promise<string>>();

/**
 * A script that runs ffmpeg and ends it when licheng ends, even when licheng is killed outright
 * (SIGKILL), which no signal handler sees. licheng holds the write end of the script's standard
 * input and never writes to it: the read ends at end of file, that is, once licheng is gone.
 * SIGTERM (licheng's own interrupt) ends ffmpeg too.
 */
function guardScript(ffmpegPath: string): string {
  const quoted = `'${ffmpegPath.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    'exec 3<&0',
    `${quoted} "$@" </dev/null 3<&- &`,
    'child=$!',
    `trap 'kill -KILL "$child" 2>/dev/null' HUP INT TERM`,
    '(while read -r _; do :; done; kill -KILL "$child" 2>/dev/null) <&3 &',
    'watcher=$!',
    'wait "$child"',
    'status=$?',
    'kill "$watcher" 2>/dev/null',
    'exit "$status"',
    '',
  ].join('\n');
}

/**
 * The guarded ffmpeg, written once per process; ffmpeg itself on Windows, or where the temp
 * folder may not run programs (mounted noexec).
 */
function guarded(ffmpegPath: string): Promise<string> {
  if (process.platform === 'win32') return Promise.resolve(ffmpegPath);
  let script = guards.get(ffmpegPath);
  if (!script) {
    script = (async () => {
      const folder = await makeTempFolder('ffmpeg');
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      const file = join(folder, 'ffmpeg');
      await writeFile(file, guardScript(ffmpegPath), { mode: 0o700 });
      return (await runs(file)) ? file : ffmpegPath;
    })();
    guards.set(ffmpegPath, script);
  }
  return script;
}

/**
 * Runs one ffmpeg job. fluent-ffmpeg keeps one binary path per process, which is all licheng
 * needs: every job in a run uses the located binary.
 */
export async function runFfmpeg(paths: FfmpegPaths, options: RunOptions): Promise<void> {
  const ffmpegPath = await guarded(paths.ffmpeg);
  return new Promise((resolve, reject) => {
    let interrupted = false;
    const command = ffmpeg({ stdoutLines: 0 })
      .input(fileUrl(options.input))
      .inputOptions(['-nostdin', '-hide_banner', ...(options.inputOptions ?? [])])
      .output(options.output === undefined ? '-' : fileUrl(options.output))
      .outputOptions(options.outputOptions);
    command.setFfmpegPath(ffmpegPath);
    const forget = onInterrupt(() => {
      interrupted = true;
      command.kill('SIGTERM');
    });
    if (options.onProgress) {
      const report = options.onProgress;
      command.on('progress', (progress: { timemark?: string }) => {
        if (progress.timemark && options.durationSeconds > 0) report(Math.min(1, Math.max(0, seconds(progress.timemark) / options.durationSeconds)));
      });
    }
    command.on('end', () => {
      forget();
      resolve();
    });
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      forget();
      if (interrupted) reject(new MediaError('interrupted'));
      else if (/ENOENT/.test(error.message)) reject(new MediaError('no-ffmpeg', { path: paths.ffmpeg }));
      else {
        const reason = withoutFolders(
          lastLine(stderr ?? '') || error.message,
          options.output === undefined ? [options.input] : [options.input, options.output],
        );
        reject(new MediaError(corruptPatterns.test(stderr ?? '') ? 'corrupt' : 'ffmpeg-failed', { reason }));
      }
    });
    command.run();
  });
}
