import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import sharp from 'sharp';
import { courseMarkdown, makePortfolio, portfolioYaml, sections } from '../helpers/portfolio.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});

const target = (items: string) => `學校: 國立臺灣科技大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n${items}`;
/** Nine course outcomes of 112: more than reach the database (a cross-file finding, its count in the message). */
const courses = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`courses/c${i + 1}.md`, courseMarkdown(sections, { 成果名稱: `成果${i + 1}` })]));

interface Finding {
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

const asFindings = (diagnostics: Diagnostic[]): Finding[] =>
  diagnostics.map((d) => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    ruleId: String(d.code),
    severity: d.severity === 1 ? 'error' : 'warning',
    message: d.message,
  }));

/** `licheng check --format json` of a fresh copy of the portfolio with the editor's texts saved into it: findings by file. */
async function freshCheck(root: string, texts: ReadonlyMap<string, string>): Promise<Map<string, Finding[]>> {
  const copy = await mkdtemp(join(tmpdir(), 'licheng-fresh-'));
  await cp(root, copy, { recursive: true });
  for (const [rel, text] of texts) await writeFile(join(copy, rel), text);
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: copy, encoding: 'utf8' });
  const byFile = new Map<string, Finding[]>();
  for (const { file, line, column, ruleId, severity, message } of JSON.parse(run.stdout) as (Finding & { file: string })[]) {
    const rel = resolve(copy, file).slice(copy.length + 1);
    byFile.set(rel, [...(byFile.get(rel) ?? []), { line, column, ruleId, severity, message }]);
  }
  return byFile;
}

describe('licheng lsp: a keystroke re-checks what it can change, with the findings of a full check', () => {
  it('after a series of edits across documents, a target and portfolio.yaml, says what a fresh licheng check says', async () => {
    const root = await makePortfolio({ ...courses, 'targets/t.yaml': target('  B-1:\n    - ../courses/c1.md\n  B-2:\n    - ../courses/c2.md\n') });
    const client = await startLsp(root);
    clients.push(client);
    const texts = new Map<string, string>();
    const uri = (rel: string) => fileUri(join(root, rel));
    const type = async (rel: string, text: string) => {
      texts.set(rel, text);
      return client.change(uri(rel), text);
    };
    for (const rel of [...Object.keys(courses), 'targets/t.yaml', 'portfolio.yaml']) {
      const text = await readFile(join(root, rel), 'utf8');
      texts.set(rel, text);
      await client.open(uri(rel), text);
    }
    // c1 is B-2 listed under B-1: the target says so until c1 is typed into a B-1.
    const wrongKind = client.nextDiagnostics(uri('targets/t.yaml'), (p) => p.diagnostics.some((d) => d.code === 'item-wrong-kind'));
    await type('courses/c3.md', courseMarkdown(sections, { 成果名稱: '改過的成果' }));
    await wrongKind;
    const fixedKind = client.nextDiagnostics(uri('targets/t.yaml'), (p) => !p.diagnostics.some((d) => d.code === 'item-wrong-kind'));
    await type('courses/c1.md', courseMarkdown(sections, { 類別: 'B-1' }));
    await fixedKind;
    // A YAML slip in c2: the target lists a document it cannot read.
    await type('courses/c2.md', courseMarkdown(sections, { 授課教師: '"王老師' }));
    // c3 loses two sections; c4 moves to another school year: the year count changes for every course.
    await type('courses/c3.md', courseMarkdown('## 課程說明\n\n說明。\n'));
    await type('courses/c4.md', courseMarkdown(sections, { 學年度: '111' }));
    // The target asks for fewer B-2; portfolio.yaml turns a rule off.
    await type('targets/t.yaml', target('  B-1:\n    - ../courses/c1.md\n  B-2:\n    - ../courses/c2.md\n    - ../courses/c4.md\n'));
    await type('portfolio.yaml', `${portfolioYaml}規則:\n  section-missing: warning\n`);
    await type('courses/c1.md', `${courseMarkdown(sections, { 類別: 'B-1' })}\n![圖](../media/photo.png)\n`);

    // Each open document asked once more (its text unchanged): what the server holds now.
    const published = new Map<string, Finding[]>();
    for (const rel of texts.keys()) published.set(rel, asFindings((await client.change(uri(rel), texts.get(rel)!)).diagnostics));
    const fresh = await freshCheck(root, texts);
    for (const rel of texts.keys()) expect(published.get(rel), rel).toEqual(fresh.get(rel) ?? []);
    // The edits left findings to compare: not a comparison of nothing.
    expect([...published.values()].flat().map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['yaml-syntax', 'item-invalid', 'section-missing', 'image-missing', 'year-over-submission']),
    );

    // A photo added on disk, outside the editor: the document that names it is checked afresh.
    await mkdir(join(root, 'media'));
    await writeFile(
      join(root, 'media/photo.png'),
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
        .png()
        .toBuffer(),
    );
    const found = client.nextDiagnostics(uri('courses/c1.md'), (p) => !p.diagnostics.some((d) => d.code === 'image-missing'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.method, {
      changes: [{ uri: uri('media/photo.png'), type: FileChangeType.Created }],
    });
    await found;
  });
});
