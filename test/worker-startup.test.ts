import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
// Node 22 and later keep compiled code themselves (module.enableCompileCache), in their own format.
const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe.runIf(ownCache)('build workers', () => {
  const build = (root: string, out: string, cache: string, jobs: string) =>
    spawnSync(process.execPath, [cli, 'build', '-o', join('out', out), '--jobs', jobs], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LICHENG_CACHE_DIR: cache },
    });
  const cacheFile = (dir: string) => {
    const [version] = readdirSync(dir).filter((name) => name.startsWith('v8-'));
    return join(dir, version!, 'commonjs.bin');
  };
  const index = (file: string) => readFileSync(file).toString('utf8', 4, 4 + readFileSync(file).readUInt32LE(0));

  it('load the bundle through the compile cache, as the CLI does, and write the same PDFs', async () => {
    // Eight documents: this thread and a worker (build.ts), which saves the cache once it is up.
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`courses/c${i}.md`, courseMarkdown(sections, { 成果名稱: `成果 ${i}` })]));
    const root = await makePortfolio(files);
    const cache = mkdtempSync(join(tmpdir(), 'licheng-cache-'));
    const first = build(root, 'workers', cache, '2');
    expect(first.status).toBe(0);
    // The worker's own entry module, and the typesetting modules both threads load.
    const written = index(cacheFile(cache));
    for (const module of ['dist/licheng/build-worker-', 'dist/licheng/build-document-', 'pdfmake/js/Printer.js', 'fontkit/dist/main.cjs'])
      expect(written).toContain(module);
    const stamp = statSync(cacheFile(cache)).mtimeMs;

    expect(build(root, 'again', cache, '2').status).toBe(0);
    // Every module's code was taken from the cache: nothing to write back.
    expect(statSync(cacheFile(cache)).mtimeMs).toBe(stamp);
    expect(build(root, 'one', cache, '1').status).toBe(0);
    for (let i = 0; i < 8; i++) {
      const one = readFileSync(join(root, 'out', 'one', 'courses', `c${i}.pdf`));
      expect(readFileSync(join(root, 'out', 'workers', 'courses', `c${i}.pdf`)).equals(one)).toBe(true);
      expect(readFileSync(join(root, 'out', 'again', 'courses', `c${i}.pdf`)).equals(one)).toBe(true);
    }
  });
});
