import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'portfolio');
let root: string;
let client: LspClient;
const uriOf = (path: string) => fileUri(join(root, path));

beforeAll(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'licheng-lsp-')), 'portfolio');
  await cp(example, root, { recursive: true });
  client = await startLsp(root);
});
afterAll(() => client.shutdown());

/** Opens a file with its saved text (or `text`), waiting for its first diagnostics. */
async function open(path: string, text?: string): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
  const uri = uriOf(path);
  const body = text ?? (await readFile(join(root, path), 'utf8'));
  const { diagnostics } = await client.open(uri, body);
  return { uri, text: body, diagnostics };
}

/** Position of the end of the first line starting with `prefix`. */
function endOf(text: string, prefix: string): { line: number; character: number } {
  const line = text.split('\n').findIndex((l) => l.startsWith(prefix));
  return { line, character: text.split('\n')[line]!.length };
}

const request = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, params);
const completion = (uri: string, position: { line: number; character: number }) =>
  request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
const actions = (uri: string, diagnostic: Diagnostic) =>
  request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });

/** Applies the one quick fix offered for a diagnostic with `code` (the one titled `title`, when several), returning the diagnostics after. */
async function applyFix(uri: string, diagnostics: Diagnostic[], code: string, title?: RegExp): Promise<Diagnostic[]> {
  const diagnostic = diagnostics.find((d) => d.code === code);
  expect(diagnostic, `a ${code} diagnostic`).toBeDefined();
  const offered = (await actions(uri, diagnostic!)).filter((a) => !title || title.test(a.title));
  expect(offered.length).toBeGreaterThan(0);
  const edits = offered[0]!.edit!.changes![uri]!;
  return (await client.change(uri, applyEdits(client.text(uri), edits))).diagnostics;
}

describe('licheng lsp: completion', () => {
  it('offers front-matter keys with what they mean, 類別 codes with their names, headings, items and image paths', async () => {
    const { uri, text } = await open('courses/smart-watering.md');
    const typed = text.replace('學期: 1\n', '學期: 1\n簡\n類別: \n');
    await client.change(uri, typed);
    const keys = await completion(uri, endOf(typed, '簡\n'.slice(0, 1)));
    const summary = keys.find((k) => k.label === '簡述');
    expect(summary?.detail).toBe('summary');
    expect(JSON.stringify(summary?.documentation)).toContain('100');
    expect(keys.map((k) => k.label)).toContain('summary');
    const values = await completion(uri, endOf(typed, '類別: \n'.slice(0, 4)));
    expect(values.find((v) => v.label === 'B-1')?.detail).toBe('專題實作及實習科目學習成果');
    expect(values.map((v) => v.label)).toContain('B-2');
    const withHeading = `${text}\n## 心\n`;
    await client.change(uri, withHeading);
    const headings = await completion(uri, endOf(withHeading, '## 心'));
    expect(headings.map((h) => h.label)).toContain('## 心得與反思');
    const withImage = `${text}\n![圖](\n`;
    await client.change(uri, withImage);
    expect((await completion(uri, endOf(withImage, '![圖]('))).map((i) => i.label)).toContain('../media/watering-system.jpg');
    await client.change(uri, text);
    const target = await open('targets/ntust-ee.yaml');
    const listed = target.text.replace('  B-2:\n', '  B-2:\n    - \n');
    await client.change(target.uri, listed);
    const items = (await completion(target.uri, { line: listed.split('\n').indexOf('  B-2:') + 1, character: 6 })).map((i) => i.label);
    // B-2 takes the B-2 course, not the B-1 one.
    expect(items).toContain('../courses/english-speech.md');
    expect(items).not.toContain('../courses/smart-watering.md');
    await client.close(target.uri);
    await client.close(uri);
  });
});

describe('licheng lsp: hover', () => {
  it('counts the 簡述 as typed (87／100) and names the cap that applies to the targets listing the document', async () => {
    const { uri, text } = await open('courses/english-speech.md');
    const summary87 = '我'.repeat(87);
    const typed = text.replace(/^簡述: .*$/m, `簡述: ${summary87}`);
    await client.change(uri, typed);
    const shown = await request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: endOf(typed, '簡述').line, character: 1 } });
    expect(JSON.stringify(shown.contents)).toContain('簡述 87／100 字');
    const category = await request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: endOf(typed, '類別').line, character: 1 } });
    expect((category.contents as { value: string }).value).toContain('B-2 最多 3 件');
    expect(JSON.stringify(category.contents)).toContain('113 學年度四技二專甄選入學簡章');
    await client.close(uri);
  });
});

describe('licheng lsp: quick fixes', () => {
  it('renames an unknown key to its nearest alias, replaces a full-width colon, adds a missing section', async () => {
    const { uri, text } = await open('courses/english-speech.md');
    let diagnostics = (await client.change(uri, text.replace('授課教師:', '授課老師:'))).diagnostics;
    diagnostics = await applyFix(uri, diagnostics, 'key-unknown');
    expect(diagnostics.map((d) => d.code)).toEqual([]);
    diagnostics = (await client.change(uri, text.replace('學期: 2', '學期：2'))).diagnostics;
    diagnostics = await applyFix(uri, diagnostics, 'yaml-syntax');
    expect(diagnostics).toEqual([]);
    expect(client.text(uri)).toBe(text);
    const withoutProcess = text.replace(/## 學習過程[\s\S]*?(?=## )/, '');
    expect(withoutProcess).not.toBe(text);
    diagnostics = (await client.change(uri, withoutProcess)).diagnostics;
    diagnostics = await applyFix(uri, diagnostics, 'section-missing');
    expect(diagnostics.map((d) => d.code)).not.toContain('section-missing');
    // It went where a reader expects it, as the template writes it: before 心得與反思.
    expect(client.text(uri).indexOf('## 學習過程')).toBeGreaterThan(0);
    expect(client.text(uri).indexOf('## 學習過程')).toBeLessThan(client.text(uri).indexOf('## 心得與反思'));
    await client.close(uri);
  });

  it('adds the student as 本人, and moves a hand-drawn contribution table into 團隊', async () => {
    const { uri, text } = await open('courses/smart-watering.md');
    let diagnostics = (await client.change(uri, text.replace('姓名: 林語彤', '姓名: 小彤'))).diagnostics;
    diagnostics = await applyFix(uri, diagnostics, 'team-self', /小彤/);
    expect(diagnostics).toEqual([]);
    const table = '| 姓名 | 工作內容 | 貢獻度 |\n|---|---|---|\n| 林語彤 | 感測器校正與程式 | 60% |\n| 張家豪 | 電路焊接與外殼 | 40% |\n';
    const manual = text
      .replace(/團隊:\n( {2}.*\n)+/, '')
      .replace('\n## 作品說明', `\n## 個人貢獻度\n\n我負責感測器校正、程式撰寫與全部的資料分析，並整理成教學手冊的實驗章節。\n\n${table}\n## 作品說明`);
    diagnostics = (await client.change(uri, manual)).diagnostics;
    diagnostics = await applyFix(uri, diagnostics, 'team-table-manual');
    expect(diagnostics).toEqual([]);
    expect(client.text(uri)).toContain('團隊:\n  - 姓名: 林語彤\n    工作內容: 感測器校正與程式\n    貢獻度: 60\n');
    expect(client.text(uri)).not.toContain('| 姓名 |');
    await client.close(uri);
  });

  it('compresses an over-cap photo with progress, and the document then names the new file', async () => {
    const noise = Buffer.alloc(1800 * 1400 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    await sharp(noise, { raw: { width: 1800, height: 1400, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toFile(join(root, 'media/big.png'));
    expect((await stat(join(root, 'media/big.png'))).size).toBeGreaterThan(4_000_000);
    const { uri, text } = await open('courses/english-speech.md');
    const withPhoto = `${text}\n![大圖](../media/big.png)\n`;
    await client.change(uri, withPhoto);
    const line = endOf(withPhoto, '![大圖]').line;
    const offered = await request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    });
    const compress = offered.find((a) => a.command?.command === 'licheng.compress');
    expect(compress?.title).toContain('big.png');
    const changed = client.nextDiagnostics(uri, () => !client.text(uri).includes('big.png'));
    const progress = client.progress('compress-1');
    const result = await request<{ ok: boolean; outputs: string[] }>('workspace/executeCommand', { ...compress!.command, workDoneToken: 'compress-1' });
    expect(result.ok).toBe(true);
    expect(result.outputs[0]).toMatch(/big(-\d+)?\.(jpg|png)$/);
    expect(result.outputs[0]).not.toBe(join(root, 'media/big.png'));
    expect((await stat(result.outputs[0]!)).size).toBeLessThanOrEqual(4_000_000);
    await changed;
    expect(client.text(uri)).toContain(`](../media/${result.outputs[0]!.split('/').at(-1)})`);
    expect(progress.map((p) => p.kind)).toEqual(expect.arrayContaining(['begin', 'end']));
    await client.close(uri);
  });
});

describe('licheng lsp: outline, definition, rename', () => {
  it('outlines the front matter and the sections; goes to an image, an item and a 報考校系', async () => {
    const { uri, text } = await open('courses/smart-watering.md');
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols[0]!.name).toBe('前言');
    expect(symbols[0]!.children!.map((c) => c.name)).toContain('簡述');
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['作品說明', '心得與反思']));
    const image = endOf(text, '![系統全貌');
    const found = await request<Location | null>('textDocument/definition', {
      textDocument: { uri },
      position: { line: image.line, character: image.character - 5 },
    });
    expect(found?.uri).toBe(uriOf('media/watering-system.jpg'));
    await client.close(uri);
    const target = await open('targets/ntust-ee.yaml');
    const item = endOf(target.text, '    - ../courses/smart');
    expect(
      (
        await request<Location | null>('textDocument/definition', {
          textDocument: { uri: target.uri },
          position: { line: item.line, character: item.character - 3 },
        })
      )?.uri,
    ).toBe(uriOf('courses/smart-watering.md'));
    await client.close(target.uri);
    const statement = await open('statements/ntust-ee.md');
    const named = endOf(statement.text, '報考校系');
    expect(
      (
        await request<Location | null>('textDocument/definition', {
          textDocument: { uri: statement.uri },
          position: { line: named.line, character: named.character - 2 },
        })
      )?.uri,
    ).toBe(uriOf('targets/ntust-ee.yaml'));
    await client.close(statement.uri);
  });

  it('renaming a document updates the targets that list it', async () => {
    const edit = await request<WorkspaceEdit | null>('workspace/willRenameFiles', {
      files: [{ oldUri: uriOf('courses/english-speech.md'), newUri: uriOf('courses/speech.md') }],
    });
    const targetUri = uriOf('targets/ntust-ee.yaml');
    const saved = await readFile(join(root, 'targets/ntust-ee.yaml'), 'utf8');
    const renamed = applyEdits(saved, edit!.changes![targetUri]!);
    expect(renamed).toBe(saved.replace('../courses/english-speech.md', '../courses/speech.md'));
  });
});

describe('licheng lsp: upload readiness and commands', () => {
  it('reports each target against its caps, the document status, and builds and packs with progress', async () => {
    const targets = await request<
      { name: string; channel: string; errors: number; counts: { label: string; count: number; cap: number }[]; documents: { label: string; cap: number }[] }[]
    >('licheng/targets', {});
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ name: 'ntust-ee', channel: '甄選入學', errors: 0 });
    expect(targets[0]!.counts).toEqual(
      expect.arrayContaining([
        { label: 'B-1', count: 1, cap: 3 },
        { label: 'C', count: 1, cap: 10 },
      ]),
    );
    expect(targets[0]!.documents.map((d) => d.label)).toEqual(['B-1', 'B-2', 'C', 'D-1', 'D-2']);
    const { uri, text } = await open('courses/smart-watering.md');
    const status = await request<{ summaryChars: number; summaryCap: number; pdfCap: number }>('licheng/documentStatus', { textDocument: { uri } });
    expect(status).toMatchObject({ summaryChars: [.../^簡述: (.*)$/m.exec(text)![1]!].length, summaryCap: 100, pdfCap: 4_000_000 });
    const progress = client.progress('build-1');
    const built = await request<{ ok: boolean; message: string; outputs: string[] }>('workspace/executeCommand', {
      command: 'licheng.build',
      arguments: [uri],
      workDoneToken: 'build-1',
    });
    expect(built.ok).toBe(true);
    expect((await stat(built.outputs[0]!)).size).toBeGreaterThan(0);
    expect(progress.map((p) => p.kind)).toEqual(['begin', 'report', 'end']);
    await client.close(uri);
    const packed = await request<{ ok: boolean; outputs: string[] }>('workspace/executeCommand', {
      command: 'licheng.pack',
      arguments: [uriOf('targets/ntust-ee.yaml')],
      workDoneToken: 'pack-1',
    });
    expect(packed.ok).toBe(true);
    expect(packed.outputs.map((o) => o.split('/').at(-1))).toContain('B-1.pdf');
  });
});
