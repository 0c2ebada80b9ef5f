import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';
import { parsePdf } from './helpers/pdf.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

/** Resolves once `check` holds, polling; rejects after `ms`. */
async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('licheng build --watch', () => {
  it('builds again after a save, manifest included, and Ctrl-C ends it cleanly (exit 0)', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 成果名稱: '第一版' }) });
    const child = spawn(process.execPath, [cli, 'build', '--watch'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const pdfText = async () => (await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')))).pageTexts.join('\n');
    try {
      await until(async () => stderr.includes('監看中'), 30_000);
      expect(await pdfText()).toContain('第一版');
      await writeFile(join(root, 'courses', 'a.md'), courseMarkdown(sections, { 成果名稱: '第二版' }));
      await until(async () => (await pdfText()).includes('第二版'), 30_000);
      // The manifest describes the new PDF too. A rebuild removes the old manifest before its first
      // PDF and writes the new one after its last, so the moment the PDF is new the manifest may
      // not be there yet: it is waited for, and then it must name the new title, not the old.
      const manifest = join(root, 'out', 'manifest.json');
      const titles = async () => (JSON.parse(await readFile(manifest, 'utf8')) as { documents: { title: string }[] }).documents.map((d) => d.title);
      let seen: string[] = [];
      await until(async () => (seen = await titles()).length > 0, 30_000);
      expect(seen).toEqual(['第二版']);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/internal|內部錯誤|\n\s+at /);
  }, 90_000);
});
