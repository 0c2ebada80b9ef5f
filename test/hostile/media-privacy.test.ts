import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { compressFile } from '../../src/media/compress.js';
import { pack } from '../../src/pack/pack.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { locateFfmpeg } from '../../src/media/ffmpeg.js';
import { clip, hasGps, photoPixels, probeFile, recording, scratch } from '../media/fixtures.js';

/** Hostile input: a phone's photo or clip under its cap must not carry the student's location out. */

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await scratch('hostile-privacy');
});

interface Segment {
  marker: number;
  body: Buffer;
}

/** A JPEG's segments up to its first scan, and the bytes from that scan to the end. */
function jpegSegments(data: Buffer): { segments: Segment[]; scan: Buffer; trailing: Buffer } {
  const segments: Segment[] = [];
  let at = 2;
  for (;;) {
    const marker = data[at + 1]!;
    const end = at + 2 + data.readUInt16BE(at + 2);
    segments.push({ marker, body: data.subarray(at + 4, end) });
    if (marker === 0xda) {
      const eoi = data.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return { segments, scan: data.subarray(at, eoi + 2), trailing: data.subarray(eoi + 2) };
    }
    at = end;
  }
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

const secret = 'Lin Yu-tong, serial 1234567';

/** A phone-like JPEG: EXIF with GPS, camera make and owner, XMP, IPTC, a comment, orientation 6, an ICC profile, and a trailer. */
async function phonePhoto(path: string): Promise<void> {
  const jpeg = await sharp(await photoPixels(320, 240, 3), { raw: { width: 320, height: 240, channels: 3 } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15', Artist: secret, Copyright: secret },
      IFD2: { BodySerialNumber: '1234567' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 33/1 0/1' },
    })
    .withMetadata({ orientation: 6, icc: 'p3' })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>${secret}</rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .jpeg({ quality: 90 })
    .toBuffer();
  const extra = Buffer.concat([segment(0xed, Buffer.from(`Photoshop 3.0\0${secret}`)), segment(0xfe, Buffer.from(secret))]);
  await writeFile(path, Buffer.concat([jpeg.subarray(0, 2), extra, jpeg.subarray(2), Buffer.from(`MPF trailer ${secret}`)]));
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function pngChunks(data: Buffer): { type: string; chunk: Buffer }[] {
  const chunks: { type: string; chunk: Buffer }[] = [];
  for (let at = 8; at < data.length; ) {
    const end = at + 12 + data.readUInt32BE(at);
    chunks.push({ type: data.toString('latin1', at + 4, at + 8), chunk: data.subarray(at, end) });
    at = end;
  }
  return chunks;
}

/** A phone's MP4 with its location and a title, as `-metadata` writes them into the container. */
async function phoneClip(path: string): Promise<void> {
  const upright = `${path}.upright.mp4`;
  await clip(upright, { seconds: 1, rotate: 90 });
  const { ffmpeg } = await locateFfmpeg();
  await run(ffmpeg, [
    '-y',
    '-loglevel',
    'error',
    '-i',
    upright,
    '-map',
    '0',
    '-c',
    'copy',
    '-metadata',
    'location=+25.0330+121.5654/',
    '-metadata',
    `title=${secret}`,
    '-metadata',
    'com.apple.quicktime.location.ISO6709=+25.0330+121.5654/',
    '-movflags',
    'use_metadata_tags',
    path,
  ]);
}

/** Every tag ffprobe sees, in the container and in each stream. */
async function tags(path: string): Promise<Record<string, string>> {
  const { ffprobe } = await locateFfmpeg();
  const { stdout } = await run(ffprobe, ['-v', 'error', '-show_entries', 'format_tags:stream_tags', '-of', 'json', path]);
  const data = JSON.parse(stdout) as { format?: { tags?: Record<string, string> }; streams?: { tags?: Record<string, string> }[] };
  return Object.assign({}, data.format?.tags, ...(data.streams ?? []).map((s) => s.tags ?? {}));
}

describe('metadata of a file that already fits (compress, build, pack)', () => {
  it('a JPEG loses GPS, owner, serial, XMP, IPTC, comments and its trailer; its scan data, orientation and ICC profile stay', async () => {
    const input = join(dir, 'phone.jpg');
    await phonePhoto(input);
    const before = jpegSegments(await readFile(input));
    expect(before.segments.some((s) => s.marker === 0xe1 && hasGps(s.body))).toBe(true);
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const result = await compressFile(input, { outDir: join(dir, 'out') });
    const data = await readFile(result.path);
    const after = jpegSegments(data);
    expect(result).toMatchObject({ unchanged: true, bytes: data.length, image: { width: 240, height: 320 } });
    expect(after.scan.equals(before.scan)).toBe(true);
    expect(after.trailing.length).toBe(0);
    expect(data.includes(Buffer.from(secret))).toBe(false);
    expect(data.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(after.segments.map((s) => s.marker).filter((m) => m === 0xfe || m === 0xed)).toEqual([]);
    const exif = after.segments.filter((s) => s.marker === 0xe1);
    expect(exif).toHaveLength(1);
    expect(hasGps(exif[0]!.body)).toBe(false);
    expect(exif[0]!.body.length).toBeLessThan(40);
    const meta = await sharp(data).metadata();
    expect(meta).toMatchObject({ orientation: 6, width: 320, height: 240 });
    expect(meta.icc?.length).toBe((await sharp(input).metadata()).icc?.length);
  });

  it('a PNG keeps its pixels and colour chunks, loses eXIf, tEXt, zTXt, iTXt and tIME', async () => {
    const plain = await sharp(await photoPixels(64, 48, 4), { raw: { width: 64, height: 48, channels: 3 } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 30/1' } })
      .png()
      .toBuffer();
    const chunks = pngChunks(plain);
    const hostile = Buffer.concat([
      plain.subarray(0, 8),
      chunks[0]!.chunk,
      pngChunk('tEXt', Buffer.from(`Author\0${secret}`)),
      pngChunk('tIME', Buffer.from([7, 234, 11, 30, 4, 35, 0])),
      ...chunks.slice(1).map((c) => c.chunk),
    ]);
    const input = join(dir, 'chart.png');
    await writeFile(input, hostile);
    const result = await compressFile(input, { outDir: join(dir, 'out') });
    const data = await readFile(result.path);
    expect(result.unchanged).toBe(true);
    const kept = pngChunks(data).map((c) => c.type);
    expect(kept).not.toContain('eXIf');
    expect(kept).not.toContain('tEXt');
    expect(kept).not.toContain('tIME');
    expect(data.includes(Buffer.from(secret))).toBe(false);
    const idat = (png: Buffer) =>
      Buffer.concat(
        pngChunks(png)
          .filter((c) => c.type === 'IDAT')
          .map((c) => c.chunk),
      );
    expect(idat(data).equals(idat(hostile))).toBe(true);
    expect((await sharp(data).raw().toBuffer()).equals(await sharp(hostile).raw().toBuffer())).toBe(true);
  });

  it('an MP4 loses its location, title and device tags; its streams are copied and its rotation kept', async () => {
    const input = join(dir, 'phone.mp4');
    await phoneClip(input);
    expect(JSON.stringify(await tags(input))).toContain('+25.0330');

    const result = await compressFile(input, { outDir: join(dir, 'out') });
    const data = await readFile(result.path);
    expect(result).toMatchObject({ unchanged: true, kind: 'video', video: { encodes: 0 } });
    expect(JSON.stringify(await tags(result.path))).not.toMatch(/25\.0330|Lin Yu-tong/);
    expect(data.includes(Buffer.from('+25.0330'))).toBe(false);
    expect(data.includes(Buffer.from(secret))).toBe(false);
    const [source, written] = await Promise.all([probeFile(input), probeFile(result.path)]);
    expect(written.video).toMatchObject({ codec: 'h264', rotation: source.video!.rotation, width: source.video!.width });
    expect(written.durationSeconds).toBeCloseTo(source.durationSeconds, 1);
  });

  it('an MP3 loses its ID3 tags; its frames are copied', async () => {
    const input = join(dir, 'song.mp3');
    await recording(input, 3, [
      '-c:a',
      'libmp3lame',
      '-b:a',
      '128k',
      '-metadata',
      `artist=${secret}`,
      '-metadata',
      'comment=recorded at +25.0330+121.5654',
      '-id3v2_version',
      '3',
      '-write_id3v1',
      '1',
    ]);
    expect(JSON.stringify(await tags(input))).toContain('Lin Yu-tong');
    const result = await compressFile(input, { outDir: join(dir, 'out') });
    const data = await readFile(result.path);
    expect(result).toMatchObject({ unchanged: true, kind: 'audio' });
    // What remains is the LAME header's encoder name.
    expect(Object.keys(await tags(result.path))).toEqual(['encoder']);
    expect(data.includes(Buffer.from('Lin Yu-tong'))).toBe(false);
    expect(data.includes(Buffer.from('25.0330'))).toBe(false);
    expect((await probeFile(result.path)).audio?.codec).toBe('mp3');
  });
});

describe('build and pack', () => {
  it('write the 影音檔 and the PDF of a document without the photo’s or the clip’s location', async () => {
    const root = await makePortfolio({
      'courses/trip.md': courseMarkdown(`![校外教學](../media/phone.jpg)\n\n${sections}`, { 類別: 'B-1', 影音檔: '../media/phone.mp4' }),
      'targets/t.yaml': '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/trip.md\n',
    });
    await mkdir(join(root, 'media'));
    await phonePhoto(join(root, 'media', 'phone.jpg'));
    await phoneClip(join(root, 'media', 'phone.mp4'));
    const built = await build([root], { cwd: root });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const packed = await pack([root], { cwd: root });
    expect(packed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const written = [join(root, 'out', 'courses', 'trip.mp4'), join(root, 'out', 'targets', 't', 'items', 'B-1-1-trip.mp4')];
    for (const video of written) {
      const data = await readFile(video);
      expect(data.includes(Buffer.from('+25.0330')), video).toBe(false);
      expect(data.includes(Buffer.from(secret)), video).toBe(false);
    }
    for (const pdf of [join(root, 'out', 'courses', 'trip.pdf'), join(root, 'out', 'targets', 't', 'B-1.pdf')]) {
      const data = await readFile(pdf);
      expect(data.includes(Buffer.from('/DCTDecode')), pdf).toBe(true);
      expect(data.includes(Buffer.from('Exif\0\0')), pdf).toBe(false);
      expect(data.includes(Buffer.from('PhoneMaker')), pdf).toBe(false);
    }
  });
});
