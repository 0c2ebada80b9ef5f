import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

describe('licheng studio (CLI)', () => {
  it('prints a 127.0.0.1 URL with a token, serves the page with it, and stops cleanly on Ctrl-C', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const child = spawn(process.execPath, [cli, 'studio', root, '--no-open', '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const url = await new Promise<string>((found) =>
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.exec(printed);
        if (match) found(match[0]);
      }),
    );
    expect(printed).toContain('licheng studio is running');
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(url.replace(/\?token=.*/, ''), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/studio/studio.js');
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(403);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a bad --port or a missing folder with exit 2 and no stack trace', async () => {
    const root = await makePortfolio({});
    for (const args of [['--port', 'abc'], ['--port', '70000'], [join(root, 'nope')]]) {
      const result = spawnSync(process.execPath, [cli, 'studio', ...args, '--no-open'], { cwd: root, encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('opens the whole portfolio when started in one of its folders, and says so when there is no portfolio.yaml', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const page = async (cwd: string) => {
      const child = spawn(process.execPath, [cli, 'studio', '--no-open'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let printed = '';
      let said = '';
      child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      const url = await new Promise<string>((found) =>
        child.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.exec(printed);
          if (match) found(match[0]);
        }),
      );
      const cookie = (await fetch(url, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
      const html = await (await fetch(url.replace(/\?token=.*/, ''), { headers: { cookie } })).text();
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGINT');
      await exited;
      return { html, said };
    };
    const inCourses = await page(join(root, 'courses'));
    expect(inCourses.html).toContain(`"rootUri":"${pathToFileURL(await realpath(root)).href}"`);
    expect(inCourses.said).not.toContain('portfolio.yaml');
    const elsewhere = await page(await mkdtemp(join(tmpdir(), 'licheng-studio-none-')));
    expect(elsewhere.said).toMatch(/沒有 portfolio\.yaml.*licheng init/);
  });
});
