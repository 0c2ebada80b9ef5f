import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optimizeAfterMs } from '../src/cli/tiering.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

// Node 22 and later keep compiled code themselves (module.enableCompileCache), in their own format.
const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe.runIf(ownCache)('TurboFan from optimizeAfterMs on', () => {
  const cacheFile = (dir: string) => {
    const [version] = readdirSync(dir).filter((name) => name.startsWith('v8-'));
    return join(dir, version!, 'commonjs.bin');
  };

  it('leaves a compile cache that a run starting without TurboFan takes whole, though TurboFan was on when it was written', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const cache = mkdtempSync(join(tmpdir(), 'licheng-cache-'));
    const env = { ...process.env, LICHENG_CACHE_DIR: cache };
    // `build --watch` lives until Ctrl-C: past the time TurboFan is switched on, then it writes the cache at exit.
    const watch = spawn(process.execPath, [cli, 'build', '--watch', '-o', 'out/watch'], { cwd: root, env });
    const started = Date.now();
    let stderr = '';
    await new Promise<void>((resolve) =>
      watch.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('監看中')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, optimizeAfterMs + 500 - (Date.now() - started))));
    const exited = new Promise<number | null>((resolve) => watch.on('exit', resolve));
    watch.kill('SIGINT');
    expect(await exited).toBe(0);
    const file = cacheFile(cache);
    const written = statSync(file).mtimeMs;

    const again = spawnSync(process.execPath, [cli, 'build', '-o', 'out/again'], { cwd: root, encoding: 'utf8', env });
    expect(again.status).toBe(0);
    // Rewritten only when V8 rejected or lacked an entry: V8 refuses code stamped with other flags.
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readFileSync(join(root, 'out', 'again', 'courses', 'a.pdf')).equals(readFileSync(join(root, 'out', 'watch', 'courses', 'a.pdf')))).toBe(true);
  });
});
