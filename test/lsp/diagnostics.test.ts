import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DidRenameFilesNotification, DidDeleteFilesNotification, type CodeAction } from 'vscode-languageserver-protocol';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { applyEdits, fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});
async function start(root: string, lang?: 'zh' | 'en') {
  const client = await startLsp(root, { lang });
  clients.push(client);
  return client;
}

const target = (items: string) => `學校: 國立臺灣科技大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n${items}`;

describe('licheng lsp: diagnostics as you type', () => {
  it('says what licheng check says, at the same place, for the unsaved text; the error goes when fixed', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const client = await start(root);
    const uri = fileUri(join(root, 'courses/a.md'));
    const text = await readFile(join(root, 'courses/a.md'), 'utf8');
    expect((await client.open(uri, text)).diagnostics).toEqual([]);
    const broken = text.replace('學期: 1', '學期: 3');
    const published = await client.change(uri, broken);
    // The same finding `licheng check` makes of the same text saved.
    const saved = await makePortfolio({ 'courses/a.md': broken });
    const cli_ = JSON.parse(spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: saved, encoding: 'utf8' }).stdout) as {
      line: number;
      column: number;
      message: string;
      ruleId: string;
    }[];
    expect(cli_).toHaveLength(1);
    expect(
      published.diagnostics.map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message, ruleId: d.code })),
    ).toEqual(cli_.map(({ line, column, message, ruleId }) => ({ line, column, message, ruleId })));
    expect(published.diagnostics[0]).toMatchObject({
      source: 'licheng',
      severity: 1,
      codeDescription: { href: expect.stringMatching(/docs\/rules\/key-type\.md$/) },
    });
    expect((await client.change(uri, text)).diagnostics).toEqual([]);
    // Nothing was written: the source on disk is as it was.
    expect(await readFile(join(root, 'courses/a.md'), 'utf8')).toBe(text);
  });

  it('checks portfolio.yaml as typed, and its full-width colon has a quick fix', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const client = await start(root);
    const uri = fileUri(join(root, 'portfolio.yaml'));
    const saved = await readFile(join(root, 'portfolio.yaml'), 'utf8');
    await client.open(uri, saved);
    const { diagnostics } = await client.change(uri, saved.replace('學校: ', '學校：'));
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['yaml-syntax', 1]]);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    });
    const fixed = applyEdits(client.text(uri), actions[0]!.edit!.changes![uri]!);
    expect(fixed).toBe(saved);
    expect((await client.change(uri, fixed)).diagnostics).toEqual([]);
  });

  it('speaks English with --lang en', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const client = await start(root, 'en');
    const uri = fileUri(join(root, 'courses/a.md'));
    await client.open(uri, courseMarkdown(sections));
    const { diagnostics } = await client.change(uri, courseMarkdown(sections, { 學期: '3' }));
    expect(diagnostics.map((d) => d.message)).toEqual(['key term has a wrong value; expected 1 or 2']);
  });

  it('updates a target when a course it lists changes, is renamed or deleted; closing a file clears its findings', async () => {
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections),
      'targets/t.yaml': target('  B-1:\n    - ../courses/a.md\n'),
    });
    const client = await start(root);
    const targetUri = fileUri(join(root, 'targets/t.yaml'));
    const courseUri = fileUri(join(root, 'courses/a.md'));
    const targetText = await readFile(join(root, 'targets/t.yaml'), 'utf8');
    const first = await client.open(targetUri, targetText);
    // The course is B-2, listed under B-1: the target says so.
    expect(first.diagnostics.map((d) => d.code)).toContain('item-wrong-kind');
    // Typing 類別: B-1 into the open course (unsaved) clears the target's finding.
    await client.open(courseUri, courseMarkdown(sections));
    const fixed = client.nextDiagnostics(targetUri, (p) => !p.diagnostics.some((d) => d.code === 'item-wrong-kind'));
    await client.change(courseUri, courseMarkdown(sections, { 類別: 'B-1' }));
    expect((await fixed).diagnostics).toEqual([]);
    // Closing the course clears its own findings; the target sees the saved text (B-2) again.
    const back = client.nextDiagnostics(targetUri, (p) => p.diagnostics.some((d) => d.code === 'item-wrong-kind'));
    expect((await client.close(courseUri)).diagnostics).toEqual([]);
    await back;
    // Renamed on disk: the target now names a file that is not there.
    await rename(join(root, 'courses/a.md'), join(root, 'courses/b.md'));
    const missing = client.nextDiagnostics(targetUri, (p) => p.diagnostics.some((d) => d.code === 'item-missing'));
    await client.connection.sendNotification(DidRenameFilesNotification.method, {
      files: [{ oldUri: courseUri, newUri: fileUri(join(root, 'courses/b.md')) }],
    });
    expect((await missing).diagnostics.find((d) => d.code === 'item-missing')?.range.start.line).toBe(6);
    await rm(join(root, 'courses/b.md'));
    await client.connection.sendNotification(DidDeleteFilesNotification.method, { files: [{ uri: fileUri(join(root, 'courses/b.md')) }] });
    expect((await client.close(targetUri)).diagnostics).toEqual([]);
  });
});
