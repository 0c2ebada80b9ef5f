import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the CLI, sends SIGINT (what Ctrl-C sends) once `ready()` holds, and returns how it ended.
 * Fails the test if the command finished before it could be interrupted.
 */
async function interrupt(args: string[], cwd: string, ready: (stderr: string) => boolean | Promise<boolean>) {
  const child = spawn(process.execPath, [cli, ...args], { cwd });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  while (child.exitCode === null && !(await ready(stderr))) await sleep(20);
  expect(child.exitCode, 'still running when interrupted').toBeNull();
  child.kill('SIGINT');
  return { ...(await exited), stderr: () => stderr };
}

/** Every file under `dir` (relative paths), hidden ones included. */
const allFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/**
 * A course long enough to take a moment to typeset (some 0.1 s on a quiet machine): a hundred
 * paragraphs, each its own, as typesetting reuses what it set of a paragraph seen before.
 */
const course = (title: string) => {
  const paragraphs = Array.from({ length: 100 }, (_, i) => `${title}，第 ${i + 1} 段：${'段落文字，說明實驗的每一個步驟與結果。'.repeat(20)}`);
  return courseMarkdown(`${sections}\n## 佐證資料\n\n${paragraphs.join('\n\n')}\n`, { 成果名稱: title });
};

interface Manifest {
  interrupted?: boolean;
  documents: { source: string; title: string; pdf: { path: string; sha256: string } | null }[];
}

/** The manifest describes exactly PDFs that are on disk, byte for byte. */
async function expectConsistent(out: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
  for (const d of manifest.documents) {
    expect(d.pdf, d.source).not.toBeNull();
    expect(await sha256(join(out, d.pdf!.path)), d.source).toBe(d.pdf!.sha256);
  }
  expect((await allFiles(out)).filter((f) => f.includes('/.') || f.startsWith('.'))).toEqual([]);
  return manifest;
}

describe('Ctrl-C during build', () => {
  it('an interrupted rebuild says what was done and how to go on, exits 130, and its manifest describes only the new PDFs on disk', async () => {
    // Sixteen documents: the ones after the second (1.4 s on a quiet machine) are the time the test has
    // to send Ctrl-C once it has seen that one written (a test held back half a second, as on a
    // loaded machine, found a build of four short ones finished).
    const documents = 16;
    const files = Object.fromEntries(Array.from({ length: documents }, (_, i) => [`courses/c${i}.md`, course(`第一版 ${i}`)]));
    const root = await makePortfolio(files);
    expect(run(['build'], root).status).toBe(0);
    const out = join(root, 'out');
    // Ctrl-C once the second document is written anew: the first one's end was taken in before the
    // second was started, so at least one is in the manifest however the Ctrl-C lands (a document
    // whose end comes after it is left out, even when its PDF was written).
    const second = join(out, 'courses', 'c1.pdf');
    const old = await sha256(second);
    for (const [path] of Object.entries(files)) await writeFile(join(root, path), course(`第二版 ${path}`));

    const ended = await interrupt(['build'], root, async () => existsSync(second) && (await sha256(second)) !== old);
    expect(ended.code).toBe(130);
    const written = new RegExp(`已中斷：${documents} 份文件中已輸出 (\\d+) 份`).exec(ended.stderr());
    expect(written, ended.stderr()).not.toBeNull();
    expect(Number(written![1])).toBeGreaterThan(0);
    expect(Number(written![1])).toBeLessThan(documents);
    expect(ended.stderr()).toContain('請再執行：licheng build');
    const manifest = await expectConsistent(out);
    expect(manifest.interrupted).toBe(true);
    expect(manifest.documents.length).toBe(Number(written![1]));
    expect(manifest.documents.every((d) => d.title.startsWith('第二版'))).toBe(true);
  });

  it('with --jobs 2 leaves no temp files of its workers, and a consistent manifest', async () => {
    // Five documents or more are built in two threads (four a thread at least): this one and a
    // worker. Sixteen, so that the build is still at work however late the test sends Ctrl-C after
    // seeing the output folder.
    const root = await makePortfolio(Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`courses/c${i}.md`, course(`成果 ${i}`)])));
    const out = join(root, 'out');
    const ended = await interrupt(['build', '--jobs', '2'], root, () => existsSync(join(out, 'courses')));
    expect(ended.code).toBe(130);
    await expectConsistent(out);
  });

  it('removes the temp files a killed run left (its pid gone), and keeps those of a running one', async () => {
    const root = await makePortfolio({ 'courses/a.md': course('成果') });
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    await mkdir(join(root, 'out', 'courses'), { recursive: true });
    const stale = join(root, 'out', 'courses', `.a.pdf.${dead}.0123456789ab.part`);
    const live = join(root, 'out', 'courses', `.b.pdf.${process.pid}.0123456789ab.part`);
    await writeFile(stale, 'half a PDF');
    await writeFile(live, 'another build at work');
    expect(run(['build'], root).status).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describe('Ctrl-C during batch', () => {
  it('writes the partial report (students not reached: interrupted), removes its temp folders, says how to resume, exits 130', async () => {
    // Students of eight documents: the two after the one at work when Ctrl-C is sent (1.5 s on a quiet
    // machine) leave time for it to arrive before the last one is started, however slowly the test is
    // scheduled (with one short document each, a test held back a quarter of a second found the
    // batch finished).
    const school = await makePortfolio({ 'roster.csv': 'id,name,path\n1,甲,s1\n2,乙,s2\n3,丙,s3\n4,丁,s4\n' }, false);
    for (const s of ['s1', 's2', 's3', 's4']) {
      await mkdir(join(school, s, 'courses'), { recursive: true });
      await writeFile(join(school, s, 'portfolio.yaml'), '學生: 林語彤\n學校: 示範高中\n');
      for (let i = 0; i < 8; i++) await writeFile(join(school, s, 'courses', `c${i}.md`), course(`成果 ${i}`));
    }
    const out = join(school, 'out');
    const ended = await interrupt(['batch', 'roster.csv', '--jobs', '1'], school, (stderr) => stderr.includes('[1/4]'));
    expect(ended.code).toBe(130);
    expect(ended.stderr()).toContain('正在中斷：寫出已完成的部分後結束；再按一次 Ctrl-C 立即結束');
    expect(ended.stderr()).toMatch(/已中斷：4 位學生中完成 [1-3] 位/);
    expect(ended.stderr()).toContain('要接著做，請執行：licheng batch roster.csv --resume');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { students: { id: string; status: string }[] };
    expect(report.students[0]!.status).toBe('ok');
    expect(report.students.at(-1)!.status).toBe('interrupted');
    expect(await readFile(join(out, 'report.csv'), 'utf8')).toContain('未執行');
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([]);

    const resumed = run(['batch', 'roster.csv', '--jobs', '1', '--resume'], school);
    expect(resumed.status).toBe(0);
    const again = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { students: { status: string; reused: boolean }[] };
    expect(again.students[0]).toMatchObject({ status: 'ok', reused: true });
    expect(again.students.at(-1)).toMatchObject({ status: 'ok', reused: false });
    expect(again.students.every((s) => s.status === 'ok')).toBe(true);
  });
});
