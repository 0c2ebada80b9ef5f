import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});

/** A course written with a team, no 心得與反思 and no 個人貢獻度, and a photo that is not there. */
const body = '## 課程說明\n\n說明文字。![圖](media/nope.png)\n\n## 學習過程\n\n過程文字。\n';
const team = '\n  - 姓名: 林語彤\n    貢獻度: 60\n    本人: true\n  - 姓名: 王小明\n    貢獻度: 40';

interface Finding {
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

/** What `licheng check --format json` says of the text saved in a portfolio of its own. */
async function cliFindings(text: string): Promise<Finding[]> {
  const root = await makePortfolio({ 'courses/a.md': text });
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  return (JSON.parse(run.stdout) as Finding[]).map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message }));
}

const asFindings = (diagnostics: Diagnostic[]): Finding[] =>
  diagnostics.map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, ruleId: String(d.code), message: d.message }));

/** The findings published for `text` typed over a saved course that has none. */
async function published(text: string): Promise<Diagnostic[]> {
  const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
  const client = await startLsp(root);
  clients.push(client);
  return (await client.open(fileUri(join(root, 'courses/a.md')), text)).diagnostics;
}

describe('licheng lsp and check: broken front matter hides nothing of the body', () => {
  it('reports a YAML slip and still the missing sections (the team was read) and the missing photo, as licheng check does', async () => {
    const text = courseMarkdown(body, { 團隊: team, 授課教師: '"王老師，引號沒有關' });
    const diagnostics = await published(text);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['image-missing', 'section-missing', 'section-missing', 'yaml-syntax']);
    expect(diagnostics.filter((d) => d.code === 'section-missing').map((d) => d.message)).toEqual([
      expect.stringContaining('心得與反思'),
      expect.stringContaining('個人貢獻度'),
    ]);
    expect(asFindings(diagnostics)).toEqual(await cliFindings(text));
  });

  it('with a wrong value, still checks the keys that could be read (簡述 too long) and the body', async () => {
    const text = courseMarkdown(body, { 學期: '3', 簡述: '長'.repeat(120) });
    const diagnostics = await published(text);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['image-missing', 'key-type', 'section-missing', 'summary-too-long']);
    expect(asFindings(diagnostics)).toEqual(await cliFindings(text));
  });

  it('with a required key missing, checks the body and only the rules that have what they need', async () => {
    const text = courseMarkdown(body).replace('簡述: 這是一段簡述。\n', '');
    const diagnostics = await published(text);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['image-missing', 'key-required', 'section-missing']);
    expect(asFindings(diagnostics)).toEqual(await cliFindings(text));
    // build reports the same, and writes nothing.
    const root = await makePortfolio({ 'courses/a.md': text });
    const built = spawnSync(process.execPath, [cli, 'build', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(built.status).toBe(1);
    expect(built.stdout).toContain('image-missing');
    expect(built.stdout).toContain('section-missing');
  });
});
