import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { locateFfmpeg, probe, type MediaProbe } from '../../src/media/ffmpeg.js';

const run = promisify(execFile);

export function scratch(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `licheng-test-${prefix}-`));
}

import { seededRandom as random } from '../../src/bench/random.js';

export { random };

/** Photo-like pixels: smooth blotches, a gradient and sensor grain, seeded. */
export async function photoPixels(width: number, height: number, seed: number, grain = 14): Promise<Buffer> {
  const next = random(seed);
  const cw = Math.ceil(width / 16);
  const ch = Math.ceil(height / 16);
  const coarse = Buffer.alloc(cw * ch * 3);
  for (let i = 0; i < coarse.length; i++) coarse[i] = Math.floor(next() * 256);
  const smooth = await sharp(coarse, { raw: { width: cw, height: ch, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const shade = (x / width) * 60 + (y / height) * 30;
      for (let c = 0; c < 3; c++) smooth[i + c] = Math.max(0, Math.min(255, smooth[i + c]! * 0.7 + shade + (next() - 0.5) * grain));
    }
  }
  return smooth;
}

export interface PhotoOptions {
  width: number;
  height: number;
  seed?: number;
  grain?: number;
  /** EXIF orientation, e.g. 6: the camera was turned; viewers rotate 90° clockwise. */
  orientation?: number;
  /** Write GPS coordinates into the EXIF. */
  gps?: boolean;
}

export async function photo(path: string, options: PhotoOptions, quality = 95): Promise<void> {
  const pixels = await photoPixels(options.width, options.height, options.seed ?? 1, options.grain);
  let image = sharp(pixels, { raw: { width: options.width, height: options.height, channels: 3 } });
  if (options.gps) {
    image = image.withExif({
      IFD0: { Make: 'licheng-test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 33/1 0/1' },
    });
  }
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  await image.jpeg({ quality }).toFile(path);
}

/** The EXIF block carries a GPS IFD pointer (tag 0x8825). */
export function hasGps(exif: Buffer | undefined): boolean {
  return Boolean(exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))));
}

export interface ClipOptions {
  seconds?: number;
  size?: string;
  rate?: number;
  audio?: boolean;
  /** Display rotation stored in the container, as phones do. */
  rotate?: number;
  /** First two seconds at 30 fps, the rest at 15 fps. */
  variableFrameRate?: boolean;
  faststart?: boolean;
}

/** A test clip from ffmpeg's own generators: moving test pattern with grain, a sine tone. */
export async function clip(path: string, options: ClipOptions = {}): Promise<void> {
  const { ffmpeg } = await locateFfmpeg();
  const seconds = options.seconds ?? 4;
  const rate = options.rate ?? 30;
  const filters = ['noise=alls=12:allf=t'];
  if (options.variableFrameRate) filters.push(`setpts='if(lt(N,${2 * rate}),N/${rate},2+(N-${2 * rate})/15)/TB'`);
  const args = ['-y', '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${options.size ?? '320x240'}:rate=${rate}:duration=${seconds}`];
  if (options.audio !== false) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`);
  args.push('-vf', filters.join(','), '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p');
  if (options.variableFrameRate) args.push('-vsync', 'vfr');
  if (options.audio !== false) args.push('-c:a', 'aac', '-b:a', '128k', '-ac', '2');
  if (options.faststart) args.push('-movflags', '+faststart');
  if (!options.rotate) {
    await run(ffmpeg, [...args, path]);
    return;
  }
  // ffmpeg writes a rotation only when copying streams, as a phone's file would carry it.
  const upright = `${path}.upright${extname(path)}`;
  await run(ffmpeg, [...args, upright]);
  await run(ffmpeg, [
    '-y',
    '-hide_banner',
    '-loglevel',
    'error',
    '-i',
    upright,
    '-map',
    '0',
    '-c',
    'copy',
    '-metadata:s:v:0',
    `rotate=${options.rotate}`,
    path,
  ]);
  await rm(upright);
}

/** A recording: a sine tone as uncompressed WAV or, with `codec`, e.g. libmp3lame. */
export async function recording(path: string, seconds: number, codecArgs: string[] = ['-c:a', 'pcm_s16le']): Promise<void> {
  const { ffmpeg } = await locateFfmpeg();
  await run(ffmpeg, [
    '-y',
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=330:sample_rate=44100:duration=${seconds}`,
    '-ac',
    '2',
    ...codecArgs,
    path,
  ]);
}

export async function probeFile(path: string): Promise<MediaProbe & { bitRate: number }> {
  const paths = await locateFfmpeg();
  const found = await probe(path, paths);
  const { stdout } = await run(paths.ffprobe, ['-v', 'error', '-show_entries', 'format=bit_rate', '-of', 'default=nw=1:nk=1', path]);
  return { ...found, bitRate: Number(stdout.trim()) };
}

/** Top-level MP4 box types in file order (faststart puts `moov` before `mdat`). */
export async function topLevelBoxes(path: string): Promise<string[]> {
  const data = await readFile(path);
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= data.length; ) {
    let size = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (size === 1) size = Number(data.readBigUInt64BE(at + 8));
    boxes.push(type);
    if (size < 8) break;
    at += size;
  }
  return boxes;
}
