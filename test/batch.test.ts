import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseCsv } from '../src/batch/csv.js';
import { pdfHashes, school } from './helpers/school.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

interface ReportRow {
  reused: boolean;
  id: string;
  name: string;
  status: string;
  errors: number;
  documents: number;
  bytes: number;
  firstError: string;
  diagnostics: { file: string; ruleId: string }[];
}

const reportJson = async (out: string) => JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { encoding: string; students: ReportRow[] };
/** Hidden entries: temporary folders and files of a run. */
const leftovers = async (out: string) => (await readdir(out)).filter((n) => n.startsWith('.'));

describe('licheng batch', () => {
  it('builds and packs every student; a broken one is a report row, the others still build; exits 1', async () => {
    const dir = await school(['s1', 's2', 's3'], '\uFEFFid,name,path\r\n1001,林語彤,s1\r\n1002,"王, 小明",s2\r\n\r\n1003,陳大文,s3\r\n1001,重複,s1\r\n');
    await writeFile(join(dir, 's2', 'portfolio.yaml'), '學生: 王小明\n學校: "示範高中\n');
    const result = run(['batch', 'roster.csv', '--jobs', '2'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[\d\/4\] 1001 林語彤 成功 \d+\.\ds$/m);
    const out = join(dir, 'out');

    const csv = await readFile(join(out, 'report.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF學號,姓名,路徑,狀態,沿用,錯誤,警告,文件數,位元組,秒數,第一個錯誤\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1))
      .slice(1)
      .map((r) => r.fields);
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1001', '林語彤', '成功'],
      ['1002', '王, 小明', '有錯誤'],
      ['1003', '陳大文', '成功'],
      ['1001', '重複', '失敗'],
    ]);
    expect(rows[1]![10]).toMatch(/^portfolio\.yaml:\d+:\d+: error: YAML 格式錯誤/);
    expect(rows[3]![10]).toBe('名冊第 6 行的學號「1001」與第 2 行重複（大小寫視為相同）');

    const report = await reportJson(out);
    expect(report.students[1]!.diagnostics).toContainEqual(expect.objectContaining({ file: 'portfolio.yaml', severity: 'error', ruleId: 'yaml-syntax' }));
    for (const id of ['1001', '1003']) {
      const student = report.students.find((s) => s.id === id)!;
      expect(student).toMatchObject({ errors: 0, documents: 5 });
      expect(existsSync(join(out, id, 'courses', 'smart-watering.pdf'))).toBe(true);
      expect(existsSync(join(out, id, 'manifest.json'))).toBe(true);
      expect(existsSync(join(out, id, 'targets', 'ntust-ee', 'B-1.pdf'))).toBe(true);
      expect(student.bytes).toBeGreaterThan((await stat(join(out, id, 'targets', 'ntust-ee', 'B-1.pdf'))).size);
    }
    expect(await leftovers(out)).toEqual([]);
  });

  it('reads a Big5 roster with Chinese column names and student names', async () => {
    const dir = await school(['甲'], iconv.encode('學號,姓名,資料夾\r\n2001,林語彤,甲\r\n2002,陳怡君,不存在\r\n', 'cp950'));
    const result = run(['batch', 'roster.csv', '-o', 'export', '--lang', 'en'], dir);
    expect(result.status).toBe(1);
    const report = await reportJson(join(dir, 'export'));
    expect(report.encoding).toBe('cp950');
    expect(report.students.map((s) => [s.id, s.name, s.status])).toEqual([
      ['2001', '林語彤', 'ok'],
      ['2002', '陳怡君', 'failed'],
    ]);
    expect(report.students[1]!.firstError).toBe("portfolio folder 不存在 not found (paths start from the roster's folder)");
    expect(existsSync(join(dir, 'export', '2001', 'statements', 'ntust-ee.pdf'))).toBe(true);
  });

  it('--resume reuses unchanged students, keeping their status and figures, and rebuilds a changed one', async () => {
    const dir = await school(['s1', 's2'], 'id,name,path\n1,甲,s1\n2,乙,s2\n');
    expect(run(['batch', 'roster.csv'], dir).status).toBe(0);
    const out = join(dir, 'out');
    const first = await reportJson(out);
    const untouched = (await stat(join(out, '1', 'summary.pdf'))).mtimeMs;

    const again = run(['batch', 'roster.csv', '--resume'], dir);
    expect(again.status).toBe(0);
    expect((await reportJson(out)).students.map((s) => [s.status, s.reused])).toEqual([
      ['ok', true],
      ['ok', true],
    ]);

    const summary = join(dir, 's2', 'summary.md');
    await writeFile(summary, (await readFile(summary, 'utf8')) + '\n最後補上一段新的心得。\n');
    expect(run(['batch', 'roster.csv', '--resume'], dir).status).toBe(0);
    const resumed = await reportJson(out);
    expect(resumed.students.map((s) => [s.status, s.reused])).toEqual([
      ['ok', true],
      ['ok', false],
    ]);
    expect(resumed.students[0]).toMatchObject({ documents: first.students[0]!.documents, bytes: first.students[0]!.bytes });
    expect((await stat(join(out, '1', 'summary.pdf'))).mtimeMs).toBe(untouched);
  });

  it('a run killed mid-way (SIGKILL) resumes to the same PDFs as an uninterrupted run, leaving no temporary folders', async () => {
    const dir = await school(['s1', 's2', 's3'], 'id,name,path\n1,甲,s1\n2,乙,s2\n3,丙,s3\n');
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [cli, 'batch', 'roster.csv', '--jobs', '1'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (!existsSync(join(out, '1')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(out, 'report.csv'))).toBe(false);
    // The students finished by the kill, seen once the run is dead: on a loaded machine the next one
    // may have been finished too between the test seeing the first and the kill. Those, and only
    // those, are reused.
    const finished = ['1', '2', '3'].map((id) => existsSync(join(out, id)));
    expect(finished[0]).toBe(true);

    const resumed = run(['batch', 'roster.csv', '--jobs', '1', '--resume'], dir);
    expect(resumed.status).toBe(0);
    expect((await reportJson(out)).students.map((s) => [s.status, s.reused])).toEqual(finished.map((reused) => ['ok', reused]));
    expect(await leftovers(out)).toEqual([]);

    expect(run(['batch', 'roster.csv', '-o', 'clean'], dir).status).toBe(0);
    const killed = await pdfHashes(out);
    expect(Object.keys(killed).length).toBeGreaterThan(30);
    expect(killed).toEqual(await pdfHashes(join(dir, 'clean')));
  });

  it('records a student over the time limit as timeout and removes its partial outputs', async () => {
    const dir = await school(['s1'], 'id,name,path\n1,甲,s1\n');
    await mkdir(join(dir, 'out', '1'), { recursive: true });
    await writeFile(join(dir, 'out', '1', 'stale.pdf'), 'from an earlier run');
    await writeFile(join(dir, 'out', '1', '.licheng-batch.json'), '{ "generator": "licheng" }');
    const result = run(['batch', 'roster.csv', '--timeout', '0.05'], dir);
    expect(result.status).toBe(1);
    expect((await reportJson(join(dir, 'out'))).students[0]).toMatchObject({ status: 'timeout', firstError: expect.stringContaining('0.05 秒') });
    expect(await readdir(join(dir, 'out'))).toEqual(['report.csv', 'report.json']);
  });

  it('exits 2 on usage errors: no roster, a missing roster, bad flags, a roster without id and path columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licheng-batch-'));
    await writeFile(join(dir, 'people.csv'), '姓名\n林語彤\n');
    for (const args of [
      ['batch'],
      ['batch', 'nope.csv'],
      ['batch', 'people.csv', '--jobs', '0'],
      ['batch', 'people.csv', '--timeout', 'soon'],
      ['batch', 'people.csv'],
    ]) {
      const result = run(args, dir);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^licheng: /);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
