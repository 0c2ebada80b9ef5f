import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
};
const fullBox = (type: string, version: number, flags: number, ...parts: Buffer[]) => box(type, u32((version << 24) | flags), ...parts);

/** The NAL units of an Annex B stream (start codes removed). */
function nalUnits(stream: Buffer): Buffer[] {
  const starts: number[] = [];
  for (let i = 0; i + 3 <= stream.length; i++) if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) starts.push(i + 3);
  return starts.map((start, i) => {
    let end = i + 1 < starts.length ? starts[i + 1]! - 3 : stream.length;
    while (end > start && stream[end - 1] === 0) end--;
    return stream.subarray(start, end);
  });
}

/**
 * A real HEIC photo, as an iPhone writes it in essence: one HEVC-coded image item (encoded by
 * ffmpeg's x265) in a HEIF container (ftyp heic, meta with hvcC and ispe, mdat).
 */
export function heicPhoto(width = 64, height = 48): Buffer {
  const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const stream = execFileSync(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${width}x${height}:rate=1`,
    '-frames:v',
    '1',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx265',
    '-x265-params',
    'log-level=error',
    '-f',
    'hevc',
    '-',
  ]);
  const nals = nalUnits(stream);
  const type = (nal: Buffer) => (nal[0]! >> 1) & 0x3f;
  const arrays = [32, 33, 34].map((t) => {
    const units = nals.filter((nal) => type(nal) === t);
    return Buffer.concat([u8(0x80 | t), u16(units.length), ...units.flatMap((nal) => [u16(nal.length), nal])]);
  });
  const hvcC = box(
    'hvcC',
    u8(1),
    u8(0x01),
    u32(0x60000000),
    Buffer.alloc(6),
    u8(90),
    u16(0xf000),
    u8(0xfc),
    u8(0xfd),
    u8(0xf8),
    u8(0xf8),
    u16(0),
    u8(0x0f),
    u8(arrays.length),
    ...arrays,
  );
  const data = Buffer.concat(nals.filter((nal) => type(nal) < 32).flatMap((nal) => [u32(nal.length), nal]));
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
  const meta = (offset: number) =>
    fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(12), u8(0)),
      fullBox('pitm', 0, 0, u16(1)),
      fullBox('iinf', 0, 0, u16(1), fullBox('infe', 2, 0, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), u8(0))),
      fullBox('iloc', 0, 0, u8(0x44), u8(0), u16(1), u16(1), u16(0), u16(1), u32(offset), u32(data.length)),
      box('iprp', box('ipco', hvcC, fullBox('ispe', 0, 0, u32(width), u32(height))), fullBox('ipma', 0, 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02))),
    );
  const offset = ftyp.length + meta(0).length + 8;
  return Buffer.concat([ftyp, meta(offset), box('mdat', data)]);
}
