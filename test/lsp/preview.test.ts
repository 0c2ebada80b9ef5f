import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { courseMarkdown, makePortfolio, reflection } from '../helpers/portfolio.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';
import { parsePdf } from '../helpers/pdf.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});

interface Preview {
  uri: string;
  version: number;
  pdf: string | null;
  pages: number;
  pageSize: { width: number; height: number };
  map: { page: number; x: number; y: number; width: number; height: number; startLine: number; endLine: number }[];
  reason?: string;
}

/** A course long enough for two pages, with a marked paragraph near its end. */
function longCourse(marker: string): string {
  const filler = Array.from({ length: 14 }, (_, i) => `第 ${i + 1} 段：${reflection}`).join('\n\n');
  return courseMarkdown(`## 課程說明\n\n說明文字。\n\n## 學習過程\n\n${filler}\n\n${marker}這一段是要找的段落。\n\n## 心得與反思\n\n${reflection}\n`);
}

describe('licheng lsp: licheng/preview', () => {
  it('returns the PDF licheng build writes for the unsaved text, and a map that puts a paragraph on its page', async () => {
    const root = await makePortfolio({ 'courses/a.md': longCourse('舊版') });
    const client = await startLsp(root);
    clients.push(client);
    const uri = fileUri(join(root, 'courses/a.md'));
    await client.open(uri, longCourse('舊版'));
    const unsaved = longCourse('標記甲乙');
    await client.change(uri, unsaved);
    const preview = await client.connection.sendRequest<Preview>('licheng/preview', { textDocument: { uri } });
    expect(preview).toMatchObject({ uri, version: 2, pageSize: { width: 595.28, height: 841.89 } });
    expect(preview.reason).toBeUndefined();
    const pdf = Buffer.from(preview.pdf!, 'base64');
    // The same text saved and built by the CLI: the very same bytes.
    const saved = await makePortfolio({ 'courses/a.md': unsaved });
    expect(spawnSync(process.execPath, [cli, 'build'], { cwd: saved, encoding: 'utf8' }).status).toBe(0);
    expect(pdf.equals(await readFile(join(saved, 'out/courses/a.pdf')))).toBe(true);
    // The disk still holds the old text: the preview read the buffer.
    expect(await readFile(join(root, 'courses/a.md'), 'utf8')).toContain('舊版');
    const parsed = await parsePdf(pdf);
    expect(preview.pages).toBe(parsed.pages);
    expect(parsed.pages).toBeGreaterThanOrEqual(2);
    const line = unsaved.split('\n').findIndex((l) => l.startsWith('標記甲乙'));
    const entries = preview.map.filter((e) => e.startLine <= line && line <= e.endLine);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    const onPage = parsed.lines[entry.page - 1]!.filter((l) => {
      const top = preview.pageSize.height - l.y;
      return top >= entry.y && top <= entry.y + entry.height;
    });
    expect(onPage.map((l) => l.text).join('')).toContain('標記甲乙這一段是要找的段落');
    expect(parsed.pageTexts[entry.page - 1]).toContain('標記甲乙');
    // The title block comes from the front matter (lines 0 to its closing ---).
    const closing = unsaved.split('\n').indexOf('---', 1);
    expect(preview.map.some((e) => e.page === 1 && e.startLine === 0 && e.endLine === closing && e.y < 200)).toBe(true);
    // A heading is mapped too, to its own line.
    const heading = unsaved.split('\n').indexOf('## 心得與反思');
    expect(preview.map.some((e) => e.startLine === heading && e.endLine === heading)).toBe(true);
  });

  it('has no PDF while the document has an error, and says why', async () => {
    const root = await makePortfolio({ 'courses/a.md': longCourse('') });
    const client = await startLsp(root, { lang: 'en' });
    clients.push(client);
    const uri = fileUri(join(root, 'courses/a.md'));
    await client.open(uri, longCourse('').replace('學期: 1', '學期: 3'));
    const preview = await client.connection.sendRequest<Preview>('licheng/preview', { textDocument: { uri } });
    expect(preview.pdf).toBeNull();
    expect(preview.reason).toContain('key term has a wrong value');
  });
});
