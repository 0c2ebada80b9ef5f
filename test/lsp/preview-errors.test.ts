import { afterEach, describe, expect, it } from 'vitest';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { courseMarkdown, makePortfolio, portfolioYaml, reflection } from '../helpers/portfolio.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';
import { parsePdf } from '../helpers/pdf.js';
import { launchBrowser } from '../helpers/browser.js';
import { servePreview, type HarnessWindow } from '../vscode/preview-harness.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});

interface Preview {
  version: number;
  pdf: string | null;
  errors: number;
  banner?: string;
  pages: number;
  map: { page: number; startLine: number; endLine: number }[];
  reason?: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A course with two errors: no 心得與反思 section, and a 簡述 of 120 characters. */
const withErrors = courseMarkdown('## 課程說明\n\n說明文字。\n\n## 學習過程\n\n寫到一半的段落甲乙丙。\n', { 簡述: '長'.repeat(120) });

async function previewOf(root: string, text: string, lang?: 'zh' | 'en'): Promise<Preview> {
  const client = await startLsp(root, { lang });
  clients.push(client);
  const uri = fileUri(join(root, 'courses/a.md'));
  await client.open(uri, text);
  return client.connection.sendRequest<Preview>('licheng/preview', { textDocument: { uri } });
}

describe('licheng lsp: a preview while the document has errors', () => {
  it('typesets the document as it is, says how many errors keep it from being built, and build still refuses it', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(`## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n${reflection}\n`) });
    const preview = await previewOf(root, withErrors);
    expect(preview.reason).toBeUndefined();
    expect(preview.errors).toBe(2);
    expect(preview.banner).toBe('有 2 個錯誤，修正後才能建置');
    const pdf = Buffer.from(preview.pdf!, 'base64');
    const parsed = await parsePdf(pdf);
    expect(parsed.pageTexts.join('')).toContain('寫到一半的段落甲乙丙');
    expect(preview.pages).toBe(parsed.pages);
    const line = withErrors.split('\n').indexOf('寫到一半的段落甲乙丙。');
    expect(preview.map.some((e) => e.startLine <= line && line <= e.endLine)).toBe(true);

    // The same layout build writes once the errors no longer stop it (the two rules turned off): the same bytes.
    const rulesOff = await makePortfolio({ 'courses/a.md': withErrors });
    await writeFile(join(rulesOff, 'portfolio.yaml'), `${portfolioYaml}規則:\n  section-missing: off\n  summary-too-long: off\n`);
    expect(spawnSync(process.execPath, [cli, 'build'], { cwd: rulesOff, encoding: 'utf8' }).status).toBe(0);
    expect(pdf.equals(await readFile(join(rulesOff, 'out/courses/a.pdf')))).toBe(true);

    // Saved as it is, build writes no PDF: a draft is never taken for the upload.
    const saved = await makePortfolio({ 'courses/a.md': withErrors });
    const built = spawnSync(process.execPath, [cli, 'build'], { cwd: saved, encoding: 'utf8' });
    expect(built.status).toBe(1);
    expect(built.stdout + built.stderr).toContain('[section-missing]');
    expect(await exists(join(saved, 'out/courses/a.pdf'))).toBe(false);
  });

  it('says so in English with --lang en, and a fixed document has no banner', async () => {
    const root = await makePortfolio({});
    const preview = await previewOf(root, withErrors, 'en');
    expect(preview.banner).toBe('2 error(s): fix them to build the PDF');
    const fixed = await previewOf(root, courseMarkdown(`## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n${reflection}\n`), 'en');
    expect(fixed.pdf).not.toBeNull();
    expect(fixed.errors).toBe(0);
    expect(fixed.banner).toBeUndefined();
  });

  it('has no PDF when the front matter cannot be read, and says which error stops it', async () => {
    const root = await makePortfolio({});
    const broken = withErrors.replace('科目名稱: 國語文', '科目名稱: "國語文');
    const preview = await previewOf(root, broken);
    expect(preview.pdf).toBeNull();
    expect(preview.errors).toBeGreaterThanOrEqual(1);
    expect(preview.reason).toMatch(/^無法排版（\d+ 個錯誤）；第一個：courses\/a\.md:\d+:\d+: error: .*\[yaml-syntax\]/);
  });

  it('shows the banner above a draft in the VS Code preview panel, and takes it away once the errors are fixed', async () => {
    const root = await makePortfolio({});
    const client = await startLsp(root);
    clients.push(client);
    const uri = fileUri(join(root, 'courses/a.md'));
    await client.open(uri, withErrors);
    const [harness, browser] = await Promise.all([servePreview(), launchBrowser()]);
    try {
      const panel = await browser.browser.newPage();
      await panel.goto(`${harness.url}webview.html`);
      await panel.waitForFunction(() => (window as unknown as HarnessWindow).posted.some((m) => m.type === 'ready'));
      const post = async () => {
        const result = await client.connection.sendRequest<Preview>('licheng/preview', { textDocument: { uri } });
        await panel.evaluate(
          (pdf, map, version, banner) => {
            const bytes = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
            window.postMessage({ type: 'preview', pdf: bytes, map, version, ...(banner && { banner }) });
          },
          result.pdf!,
          result.map,
          result.version,
          result.banner,
        );
        await panel.waitForFunction((v) => document.querySelector<HTMLElement>('.licheng-preview')?.dataset.version === String(v), {}, result.version);
      };
      await post();
      const banner = () => panel.$eval('.lp-draft', (b) => ({ text: b.textContent, shown: !(b as HTMLElement).hidden && (b as HTMLElement).offsetHeight > 0 }));
      await panel.waitForFunction(() => !document.querySelector<HTMLElement>('.lp-draft')!.hidden, { timeout: 10_000 });
      expect(await banner()).toEqual({ text: '有 2 個錯誤，修正後才能建置', shown: true });
      await client.change(uri, courseMarkdown(`## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n${reflection}\n`));
      await post();
      expect((await banner()).shown).toBe(false);
    } finally {
      await Promise.all([harness.close(), browser.close()]);
    }
  });
});
