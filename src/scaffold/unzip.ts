import { inflateRawSync } from 'node:zlib';

/** A pack is a few templates: more than this unpacked is no template pack (or a zip bomb). */
const maxUnpacked = 20_000_000;
const maxEntries = 500;

export class ZipError extends Error {}

/**
 * The files of a .zip archive, by their path inside it (folders skipped). Only what a pack needs:
 * stored and deflated entries, no encryption; names that would leave the folder (`../`, `/x`, `C:`)
 * are refused, as are archives that unpack beyond a few megabytes.
 */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw new ZipError('not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count > maxEntries) throw new ZipError(`${count} entries`);
  const files = new Map<string, Buffer>();
  let unpacked = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new ZipError('damaged central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip
      .subarray(at + 46, at + 46 + nameLength)
      .toString(flags & 0x800 ? 'utf8' : 'latin1')
      .replaceAll('\\', '/');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (name.startsWith('/') || /^[a-z]:/i.test(name) || name.split('/').includes('..')) throw new ZipError(`unsafe path ${name}`);
    if (flags & 0x1) throw new ZipError(`${name} is encrypted`);
    unpacked += size;
    if (unpacked > maxUnpacked) throw new ZipError('unpacks to more than 20 MB');
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new ZipError(`damaged entry ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }));
    else throw new ZipError(`${name} uses compression method ${method}`);
  }
  return files;
}
