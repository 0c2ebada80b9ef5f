import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePdf } from './helpers/pdf.js';

const repo = join(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** What the README tells a school or a student without git to do: a tarball, installed globally. */
describe('the package a student installs', () => {
  it('installs from `npm pack` into a clean prefix; `licheng --version`, init and build work from there', async () => {
    const work = await mkdtemp(join(tmpdir(), 'licheng-install-'));
    const packed = spawnSync(npm, ['pack', '--pack-destination', work], { cwd: repo, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = (await readdir(work)).find((name) => name.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^licheng-\d+\.\d+\.\d+\.tgz$/);

    const prefix = join(work, 'prefix');
    // Dependencies come from the npm cache that `npm ci` filled; the registry only when missing.
    const installed = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(installed.status, installed.stderr).toBe(0);

    const licheng = join(prefix, 'bin', 'licheng');
    const { version } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };
    const shown = spawnSync(licheng, ['--version'], { cwd: work, encoding: 'utf8' });
    expect(shown.stdout.trim()).toBe(version);

    expect(spawnSync(licheng, ['init', 'mine', '--student', '林語彤', '--school', '示範高中'], { cwd: work, encoding: 'utf8' }).status).toBe(0);
    const built = spawnSync(licheng, ['build', 'mine'], { cwd: work, encoding: 'utf8' });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const pdf = await parsePdf(await readFile(join(work, 'mine', 'out', 'summary.pdf')));
    expect(pdf.pageTexts.join('\n')).toContain('林語彤');
    // ~430 MB (the installed package and its dependencies): each run of the suite left one behind.
    // A failed run keeps it, to be looked at.
    await rm(work, { recursive: true, force: true });
  }, 180_000);
});
