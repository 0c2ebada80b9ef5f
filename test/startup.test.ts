import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { installPatches } from '../src/emit/patches/index.js';
import { fontkitRequire } from '../src/infra/vendor.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

// Node 22 and later keep compiled code themselves (module.enableCompileCache), in their own format.
const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe.runIf(ownCache)('the compile cache', () => {
  // Each run's outputs under out/, where a portfolio's outputs may go.
  const build = (root: string, out: string, env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [cli, 'build', '-o', join('out', out)], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const cacheFile = (dir: string) => {
    // Beside media/, where fitted media and downsampled photos are kept, and fonts/ (fonts proven usable).
    const [version] = readdirSync(dir).filter((name) => name !== 'media' && name !== 'fonts');
    return join(dir, version!, 'commonjs.bin');
  };
  const pdf = (root: string, out: string) => readFileSync(join(root, 'out', out, 'courses', 'a.pdf'));
  const done = (out: string) => `已輸出 1 份文件 → ${join('out', out)}\n`;

  it('keeps compiled code between runs, is used whole by the next run, and changes no output', async () => {
    // A photo, so the cached run also loads sharp lazily, as documents with images do.
    const photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(`${sections}\n![實驗裝置](../media/a.jpg)\n`), 'media/a.jpg': photo });
    const cache = mkdtempSync(join(tmpdir(), 'licheng-cache-'));
    expect(build(root, 'off', { LICHENG_COMPILE_CACHE: '0' }).status).toBe(0);
    expect(readdirSync(cache)).toEqual([]);

    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    const file = cacheFile(cache);
    const written = statSync(file);
    const index = readFileSync(file).toString('utf8', 4, 4 + readFileSync(file).readUInt32LE(0));
    for (const module of ['pdfmake/js/Printer.js', 'pdfkit/js/pdfkit.js', 'fontkit/dist/main.cjs', 'dist/licheng/load-']) expect(index).toContain(module);

    const second = build(root, 'second', { LICHENG_CACHE_DIR: cache });
    expect(second.status).toBe(0);
    expect(second.stderr).toBe(done('second'));
    // Rewritten only when V8 rejected or lacked an entry: an untouched file means every module's code was taken.
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(pdf(root, 'first').equals(pdf(root, 'off'))).toBe(true);
    expect(pdf(root, 'second').equals(pdf(root, 'off'))).toBe(true);
  });

  it('ignores a damaged cache file and replaces it', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const cache = mkdtempSync(join(tmpdir(), 'licheng-cache-'));
    expect(build(root, 'off', { LICHENG_COMPILE_CACHE: '0' }).status).toBe(0);
    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    const file = cacheFile(cache);
    const good = readFileSync(file);
    // Flip bytes inside the cached code itself (past the index), then try pure garbage.
    const damaged = Buffer.from(good);
    for (let i = good.length - 1; i > good.length - 200_000; i -= 997) damaged[i]! ^= 0xff;
    for (const bytes of [damaged, randomBytes(5000)]) {
      writeFileSync(file, bytes);
      const result = build(root, 'again', { LICHENG_CACHE_DIR: cache });
      expect(result.status).toBe(0);
      expect(result.stderr).toBe(done('again'));
      expect(pdf(root, 'again').equals(pdf(root, 'off'))).toBe(true);
      // Replaced by a whole cache: the run after takes all of it and leaves the file alone.
      const replaced = statSync(file).mtimeMs;
      expect(build(root, 'again', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
      expect(statSync(file).mtimeMs).toBe(replaced);
    }
  });

  it('drops the code of files that are gone and stays bounded', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const cache = mkdtempSync(join(tmpdir(), 'licheng-cache-'));
    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    const file = cacheFile(cache);
    const good = readFileSync(file);
    type IndexEntry = [name: string, length: number, source: number, check: number, size: number];
    const indexOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as IndexEntry[];
    const index = indexOf(good);
    const body = good.subarray(4 + good.readUInt32LE(0));
    // What old installs and rebuilt bundles leave: 60 MB of entries for files that no longer exist,
    // in front of this install's; and this install's own bundle changed (its entry no longer
    // matches), so the next run writes the cache again.
    const filler = randomBytes(1024 * 1024);
    const ghosts: IndexEntry[] = Array.from({ length: 60 }, (_, i) => [`/nowhere/licheng-${i}/chunk.cjs`, 1, 2, 3, filler.length]);
    const own = index.findIndex(([name]) => name.includes('dist/licheng/'));
    const changed = index.map((entry, i): IndexEntry => (i === own ? [entry[0], 0, 0, 0, entry[4]] : entry));
    const head = Buffer.from(JSON.stringify([...ghosts, ...changed]));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(head.length);
    writeFileSync(file, Buffer.concat([size, head, ...ghosts.map(() => filler), body]));
    // The folders of an old Node (not written for 40 days) and of another flag set in use.
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    for (const name of ['v8-10.2.154.26-node.26-x64-0', 'v8-11.3.244.8-node.38-x64-1234']) {
      mkdirSync(join(cache, name));
      writeFileSync(join(cache, name, 'commonjs.bin'), 'code');
    }
    utimesSync(join(cache, 'v8-10.2.154.26-node.26-x64-0', 'commonjs.bin'), old, old);

    const again = build(root, 'again', { LICHENG_CACHE_DIR: cache });
    expect(again.status).toBe(0);
    expect(readdirSync(cache).sort()).toEqual(['fonts', basename(dirname(file)), 'v8-11.3.244.8-node.38-x64-1234'].sort());
    const after = readFileSync(file);
    expect(after.length).toBeLessThan(good.length * 1.5);
    expect(
      indexOf(after)
        .map(([name]) => name)
        .sort(),
    ).toEqual(index.map(([name]) => name).sort());
  });

  it('is skipped, not an error, when its folder cannot be created', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const blocker = join(mkdtempSync(join(tmpdir(), 'licheng-cache-')), 'a-file');
    writeFileSync(blocker, '');
    const result = build(root, 'out', { LICHENG_CACHE_DIR: join(blocker, 'cache') });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(done('out'));
  });
});

describe('dependency stand-ins', () => {
  // As the PDF engine does before it first loads pdfmake.
  installPatches();
  const inflatePath = fontkitRequire.resolve('tiny-inflate');

  /** tiny-inflate as published, compiled from its file so the stand-in in require's cache is bypassed. */
  function realTinyInflate(): (source: Uint8Array, dest: Uint8Array) => Uint8Array {
    const module = new Module(inflatePath) as Module & { _compile(content: string, filename: string): void };
    module.filename = inflatePath;
    module._compile(readFileSync(inflatePath, 'utf8'), inflatePath);
    return module.exports as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
  }

  it('inflate like tiny-inflate, which fontkit and unicode-trie receive in its place', () => {
    const standIn = fontkitRequire('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
    const real = realTinyInflate();
    expect(standIn).not.toBe(real);
    const samples = [Buffer.alloc(0), randomBytes(10_000), Buffer.from('學習歷程檔案 learning portfolio '.repeat(2000)), readFileSync(inflatePath)];
    for (const sample of samples) {
      const packed = deflateRawSync(sample);
      // Exactly sized, and a larger destination (tiny-inflate then returns the filled part).
      for (const room of [sample.length, sample.length + 64]) {
        expect(Buffer.from(standIn(packed, new Uint8Array(room)))).toEqual(Buffer.from(real(packed, new Uint8Array(room))));
      }
    }
    // Unicode tables unpacked through the stand-in still answer correctly.
    const properties = createRequire(fontkitRequire.resolve('unicode-properties'))('unicode-properties') as {
      getCategory(codePoint: number): string;
      getScript(codePoint: number): string;
    };
    expect(properties.getCategory(0x5b78)).toBe('Lo');
    expect(properties.getScript(0x5b78)).toBe('Han');
    expect(properties.getCategory(0x3002)).toBe('Po');
  });

  it('load brotli only when a WOFF2 font needs it', () => {
    const dictionary = fontkitRequire.resolve('brotli/dec/dictionary.js');
    const decompress = fontkitRequire('brotli/decompress.js') as (buffer: Uint8Array, size?: number) => Uint8Array;
    const text = Buffer.from('歷程 '.repeat(500));
    expect(fontkitRequire.cache[dictionary]).toBeUndefined();
    expect(Buffer.from(decompress(brotliCompressSync(text), text.length))).toEqual(text);
    expect(fontkitRequire.cache[dictionary]).toBeDefined();
  });
});
