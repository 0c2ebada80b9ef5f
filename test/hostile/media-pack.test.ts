import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { recording } from '../media/fixtures.js';

/** Hostile input: a 影音檔 whose output in the bundle cannot be written. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

describe('a 影音檔 output that cannot be written', () => {
  it('is a diagnostic at the 影音檔 key in build; in pack, a folder licheng did not make is left alone and said so — no stack trace', async () => {
    const root = await makePortfolio({
      'courses/talk.md': courseMarkdown(sections, { 類別: 'B-1', 影音檔: '../media/talk.wav' }),
      'targets/t.yaml': '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/talk.md\n',
    });
    await mkdir(join(root, 'media'));
    await recording(join(root, 'media', 'talk.wav'), 1);
    // A folder where the build's MP3 goes: it cannot be replaced by a file.
    await mkdir(join(root, 'out', 'courses', 'talk.mp3'), { recursive: true });
    await writeFile(join(root, 'out', 'courses', 'talk.mp3', 'keep.txt'), 'mine');
    const built = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8' });
    expect(built.stdout + built.stderr).not.toMatch(/內部錯誤|internal error|\n\s+at /);
    expect(built.status).toBe(1);
    expect(built.stdout).toMatch(/^courses\/talk\.md:8:1: error: 無法寫出 out\/courses\/talk\.mp3：(EISDIR|ENOTEMPTY|EEXIST) \[write-failed\]$/m);

    await mkdir(join(root, 'out', 'targets', 't', 'items', 'B-1-1-talk.mp3'), { recursive: true });
    await writeFile(join(root, 'out', 'targets', 't', 'items', 'B-1-1-talk.mp3', 'keep.txt'), 'mine');
    const result = spawnSync(process.execPath, [cli, 'pack'], { cwd: root, encoding: 'utf8' });
    const said = result.stdout + result.stderr;
    expect(said).not.toMatch(/內部錯誤|internal error|\n\s+at /);
    expect(result.status).toBe(1);
    expect(said).toMatch(/^targets\/t\.yaml:1:1: error: 「out\/targets\/t」已存在，但不是 licheng 產生的.* \[out-not-ours\]$/m);
    expect(await readFile(join(root, 'out', 'targets', 't', 'items', 'B-1-1-talk.mp3', 'keep.txt'), 'utf8')).toBe('mine');
  });
});
