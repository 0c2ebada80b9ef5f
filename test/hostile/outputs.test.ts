import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measuredCli } from '../helpers/measure.js';
import { courseMarkdown, makePortfolio, portfolioYaml, sections } from '../helpers/portfolio.js';

/**
 * Hostile and clumsy output folders: licheng never removes, replaces or overwrites what it did not
 * create, and an output folder it cannot use is one usage error before any work.
 */
const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });

/** Every file under a folder with its content, by relative path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'latin1');
  }
  return files;
}

/** A school folder: portfolios 1001/ and courses/ (a student id that is also a portfolio folder's name), and a roster. */
async function school(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-hostile-out-'));
  for (const id of ['1001', 'courses']) {
    await mkdir(join(dir, id, 'courses'), { recursive: true });
    await mkdir(join(dir, id, 'media'), { recursive: true });
    await writeFile(join(dir, id, 'portfolio.yaml'), portfolioYaml);
    await writeFile(join(dir, id, 'courses', 'a.md'), courseMarkdown(sections));
    await writeFile(join(dir, id, 'media', 'photo.txt'), 'a student file');
  }
  await writeFile(join(dir, 'roster.csv'), 'id,name,path\n1001,甲,1001\ncourses,乙,courses\n');
  return dir;
}

describe('batch never replaces what it did not create', () => {
  it('refuses an output folder that holds the portfolios and the roster (-o . in the school folder): exit 2, sources intact', async () => {
    const dir = await school();
    const before = await snapshot(dir);
    const result = run(['batch', 'roster.csv', '-o', '.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^licheng: 輸出資料夾「\.」包含/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses an output folder inside a student portfolio (-o 1001, where id courses would replace 1001/courses)', async () => {
    const dir = await school();
    const before = await snapshot(dir);
    const result = run(['batch', 'roster.csv', '-o', '1001'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('學號 1001 的作品集「1001」');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('leaves a folder at DIR/<id> that licheng did not make untouched, as that student failure', async () => {
    const dir = await school();
    await mkdir(join(dir, 'out', '1001'), { recursive: true });
    await writeFile(join(dir, 'out', '1001', 'notes.txt'), 'the office keeps this');
    const result = run(['batch', 'roster.csv', '--lang', 'en'], dir);
    expect(result.status).toBe(1);
    expect(await readFile(join(dir, 'out', '1001', 'notes.txt'), 'utf8')).toBe('the office keeps this');
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as { students: { id: string; status: string; firstError: string }[] };
    expect(report.students.map((s) => [s.id, s.status])).toEqual([
      ['1001', 'failed'],
      ['courses', 'ok'],
    ]);
    expect(report.students[0]!.firstError).toMatch(/out\/1001 exists and was not made by licheng/);
    // A folder licheng made carries its marker, so the next run may replace it.
    expect(existsSync(join(dir, 'out', 'courses', '.licheng-batch.json'))).toBe(true);

    // The same for the report: an earlier batch's is replaced, someone else's report.csv is not.
    const office = await mkdtemp(join(tmpdir(), 'licheng-hostile-out-'));
    await writeFile(join(office, 'report.csv'), 'the office keeps this too');
    const refused = run(['batch', join(dir, 'roster.csv'), '-o', office], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('report.csv」已存在，但不是 licheng 產生的');
    expect(await readFile(join(office, 'report.csv'), 'utf8')).toBe('the office keeps this too');
  });
});

describe('build and pack write only to out/ or outside the portfolio', () => {
  const target = '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n';

  it('refuses -o inside the sources (courses), at the portfolio (.) and at a folder holding it (..): exit 2, nothing written', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }), 'targets/t.yaml': target });
    const before = await snapshot(root);
    for (const [command, out, id] of [
      ['build', 'courses', 'out-in-portfolio'],
      ['build', '.', 'out-in-portfolio'],
      ['pack', '.', 'out-in-portfolio'],
      ['build', '..', 'out-holds-portfolio'],
      ['pack', 'targets', 'out-in-portfolio'],
    ] as const) {
      const result = run([command, '-o', out], root);
      expect(result.status, `${command} -o ${out}`).toBe(2);
      expect(result.stdout.trim().split('\n'), `${command} -o ${out}`).toEqual([expect.stringMatching(new RegExp(`error: .* \\[${id}\\]$`))]);
    }
    expect(await snapshot(root)).toEqual(before);
  });

  it('accepts a folder below out/, and replaces no manifest.json that licheng did not write', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'out/web/manifest.json': '{ "name": "a web app" }' });
    expect(run(['build', '-o', 'out/pdf'], root).status).toBe(0);
    expect(existsSync(join(root, 'out', 'pdf', 'courses', 'a.pdf'))).toBe(true);
    const foreign = run(['build', '-o', 'out/web'], root);
    expect(foreign.status).toBe(2);
    expect(foreign.stdout).toMatch(/^out\/web\/manifest\.json:1:1: error: .* \[out-not-ours\]\n$/);
    expect(await readFile(join(root, 'out', 'web', 'manifest.json'), 'utf8')).toBe('{ "name": "a web app" }');
  });
});

describe('an output that is not a usable folder is one usage error before any work', () => {
  it('a file, /dev/null, /proc/self and a folder below a file: exit 2, one line, promptly, in build, pack, compress and batch', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'courses/b.md': courseMarkdown(sections) });
    const blocked = join(await mkdtemp(join(tmpdir(), 'licheng-hostile-out-')), 'blocked');
    await writeFile(blocked, 'a file');
    await writeFile(join(root, 'dot.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    const cases: [string[], string][] = [
      ...[blocked, '/dev/null', '/proc/self', join(blocked, 'sub')].map((out): [string[], string] => [['build'], out]),
      [['pack'], '/dev/null'],
      [['pack'], '/proc/self'],
      [['compress', 'dot.png'], blocked],
      [['compress', 'dot.png'], '/proc/self'],
    ];
    for (const [args, out] of cases) {
      const result = measuredCli(cli, [...args, '-o', out], { cwd: root, encoding: 'utf8', timeout: 20_000 });
      const said = `${args[0]} -o ${out}`;
      expect(result.status, said).toBe(2);
      // Processor seconds: a loaded machine stretches the wall clock, not the work done.
      expect(result.cpuSeconds, said).toBeLessThan(10);
      expect(result.stderr, said).not.toMatch(/內部錯誤|\n\s+at /);
      const lines = (result.stdout + result.stderr).trim().split('\n');
      expect(lines, said).toHaveLength(1);
      expect(lines[0], said).toMatch(/out-not-folder|out-unwritable|不是資料夾|無法在輸出資料夾/);
      expect(lines[0], said).toContain(out);
    }
    const batch = await mkdtemp(join(tmpdir(), 'licheng-hostile-out-'));
    await writeFile(join(batch, 'roster.csv'), 'id,path\n1,s1\n');
    await writeFile(join(batch, 'blocked'), 'a file');
    for (const out of ['blocked', '/proc/self']) {
      const result = run(['batch', 'roster.csv', '-o', out], batch);
      expect(result.status, out).toBe(2);
      expect(result.stderr, out).toMatch(/^licheng: (輸出位置「.*」不是資料夾|無法在輸出資料夾)/);
    }
  });

  it('init at an existing file or under /proc/self is a usage error, promptly', async () => {
    const root = await makePortfolio({});
    for (const dir of ['portfolio.yaml', '/proc/self/x']) {
      const result = run(['init', dir], root);
      expect(result.status, dir).toBe(2);
      expect(result.stderr, dir).toMatch(/^licheng: /);
      expect(result.stderr, dir).not.toMatch(/ENOTDIR|\n\s+at /);
    }
  });
});

describe('compress never overwrites a file it did not write', () => {
  it('photo.png becoming a JPEG beside an unrelated photo.jpg is written as photo-1.jpg, and says so', async () => {
    const { default: sharp } = await import('sharp');
    const dir = await mkdtemp(join(tmpdir(), 'licheng-hostile-out-'));
    const noise = randomBytes(300 * 200 * 3);
    await sharp(noise, { raw: { width: 300, height: 200, channels: 3 } })
      .png()
      .toFile(join(dir, 'photo.png'));
    await writeFile(join(dir, 'photo.jpg'), 'an unrelated file');
    const before = await snapshot(dir);
    const result = run(['compress', 'photo.png', '-o', '.', '--max-bytes', '60k'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^photo\.png → photo-1\.jpg /);
    const after = await snapshot(dir);
    expect(after['photo.jpg']).toBe(before['photo.jpg']);
    expect(after['photo.png']).toBe(before['photo.png']);
    expect(Object.keys(after).sort()).toEqual(['photo-1.jpg', 'photo.jpg', 'photo.png']);
  });
});

describe('two batches into the same output folder', () => {
  it("the second is a usage error naming the running one; a dead run's lock and temporary folders are taken over, a live run's kept", async () => {
    const dir = await school();
    const out = join(dir, 'out');
    await mkdir(out);
    // This test's own process stands for a batch still running.
    await writeFile(join(out, '.licheng-batch.lock'), `${process.pid}\n`);
    const busy = run(['batch', 'roster.csv'], dir);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain(`另一個 licheng batch（程序 ${process.pid}）正在寫入輸出資料夾「out」`);
    expect(await readdir(out)).toEqual(['.licheng-batch.lock']);

    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(join(out, '.licheng-batch.lock'), `${dead}\n`);
    await mkdir(join(out, `.1001.tmp-${process.pid}`));
    await writeFile(join(out, `.1001.tmp-${process.pid}`, 'a.pdf'), 'a running batch is writing this');
    await mkdir(join(out, `.1001.tmp-${dead}`));
    await writeFile(join(dir, 'one.csv'), 'id,path\n1001,1001\n');
    const resumed = run(['batch', 'one.csv'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual([`.1001.tmp-${process.pid}`, '1001', 'report.csv', 'report.json']);
  });
});

describe('pack writes each bundle whole, into its own safe folder', () => {
  const target = (items: string[]) =>
    `學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n${items.map((i) => `    - ../courses/${i}.md\n`).join('')}`;
  const course = (title: string) => courseMarkdown(sections, { 類別: 'B-1', 成果名稱: title });

  it('t.yaml and t.yml get distinct bundles; a target named ...yaml neither packs into out/ nor touches the build manifest', async () => {
    const root = await makePortfolio({
      'courses/a.md': course('甲'),
      'courses/b.md': course('乙'),
      'targets/t.yaml': target(['a']),
      'targets/t.yml': target(['b']),
      'targets/...yaml': target(['a']),
    });
    expect(run(['build'], root).status).toBe(0);
    const manifest = await readFile(join(root, 'out', 'manifest.json'), 'utf8');
    const result = run(['pack'], root);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect((await readdir(join(root, 'out', 'targets'))).sort()).toEqual(['_..', 't.yaml', 't.yml']);
    const items = async (folder: string) => (await readdir(join(root, 'out', 'targets', folder, 'items'))).sort();
    expect(await items('t.yaml')).toEqual(['B-1-1-a.pdf']);
    expect(await items('t.yml')).toEqual(['B-1-1-b.pdf']);
    expect(await readFile(join(root, 'out', 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('an item removed from the target leaves no stale file; a merged PDF over the cap leaves no half bundle', async () => {
    const root = await makePortfolio({ 'courses/a.md': course('甲'), 'courses/b.md': course('乙'), 'targets/t.yaml': target(['a', 'b']) });
    const { pack } = await import('../../src/pack/pack.js');
    const bundle = join(root, 'out', 'targets', 't');
    expect((await pack([root], { cwd: root })).bundles[0]!.ok).toBe(true);
    expect((await readdir(join(bundle, 'items'))).sort()).toEqual(['B-1-1-a.pdf', 'B-1-2-b.pdf']);
    const single = Math.max(...(await Promise.all(['B-1-1-a.pdf', 'B-1-2-b.pdf'].map(async (f) => (await readFile(join(bundle, 'items', f))).length))));

    await writeFile(join(root, 'targets', 't.yaml'), target(['a']));
    expect((await pack([root], { cwd: root })).bundles[0]!.ok).toBe(true);
    expect(await readdir(join(bundle, 'items'))).toEqual(['B-1-1-a.pdf']);

    await writeFile(join(root, 'targets', 't.yaml'), target(['a', 'b']));
    const over = await pack([root], { cwd: root, maxBytes: single + 1000 });
    expect(over.diagnostics.map((d) => d.ruleId)).toContain('bundle-over-cap');
    expect(existsSync(bundle)).toBe(false);
    expect(await readdir(join(root, 'out', 'targets'))).toEqual([]);
  });
});
