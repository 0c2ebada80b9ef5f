import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv } from '../../src/batch/csv.js';

/** Hostile input: roster values that a spreadsheet would run as formulas when it opens report.csv. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

describe('report.csv', () => {
  it('neutralises cells starting with = + - @ tab or CR; report.json keeps the raw values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licheng-test-csv-'));
    const hostile = ['=HYPERLINK("http://x","點我")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'];
    const roster = ['id,name,path', ...hostile.map((name, i) => `${i + 1},"${name.replace(/"/g, '""')}",missing-${i}`), '=7,王小明,@folder'].join('\r\n');
    await writeFile(join(dir, 'roster.csv'), roster + '\r\n');
    const result = spawnSync(process.execPath, [cli, 'batch', 'roster.csv', '-o', 'export'], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);

    const json = JSON.parse(await readFile(join(dir, 'export', 'report.json'), 'utf8')) as { students: { id: string; name: string; path: string }[] };
    // The roster reader trims names: the tab and CR cases arrive as `=1+1`.
    const names = json.students.map((s) => s.name);
    expect(names).toEqual([...hostile.map((name) => name.trim()), '王小明']);
    expect(json.students.at(-1)).toMatchObject({ id: '=7', path: '@folder' });

    const csv = parseCsv((await readFile(join(dir, 'export', 'report.csv'), 'utf8')).replace(/^\uFEFF/, ''));
    const rows = csv.slice(1).map((r) => r.fields);
    expect(rows.map((r) => r[1])).toEqual([...names.slice(0, -1).map((name) => `'${name}`), '王小明']);
    expect(rows.at(-1)!.slice(0, 3)).toEqual(["'=7", '王小明', "'@folder"]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Figures stay numbers.
    expect(rows[0]![5]).toMatch(/^\d+$/);
  });

  it('a cell starting with a tab or CR is neutralised too, and quoted; numbers are not', () => {
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvField(-3)).toBe('-3');
  });
});
