import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewFeed } from '../../editors/vscode/src/preview-feed.js';
import type { PreviewResult, TargetReadiness } from '../../editors/vscode/src/protocol.js';
import { readinessTree } from '../../editors/vscode/src/readiness.js';
import { isPreviewable, isTarget } from '../../editors/vscode/src/selectors.js';
import { runCli } from '../../editors/vscode/src/server-process.js';
import { makePortfolio } from '../helpers/portfolio.js';
import { statusText } from '../../editors/vscode/src/status.js';
import { stringsFor, uiLangOf } from '../../editors/vscode/src/strings.js';
import { webviewHtml } from '../../editors/vscode/src/webview-html.js';
import type { ToPreview } from '../../editors/vscode/src/webview-messages.js';

const zh = stringsFor('zh');
const en = stringsFor('en');
const extension = join(import.meta.dirname, '..', '..', 'editors', 'vscode');

describe('the status-bar item', () => {
  it('shows the 簡述 count and the PDF size against its cap', () => {
    expect(statusText({ summaryChars: 87, summaryCap: 100, pdfBytes: 1_234_000, pdfCap: 4_000_000 }, zh)).toEqual({
      text: '簡述 87／100 字 · PDF 1.23 MB／4 MB',
      over: false,
    });
    expect(statusText({ summaryChars: 87, summaryCap: 100, pdfBytes: 1_234_000, pdfCap: 4_000_000 }, en)?.text).toBe('Summary 87/100 chars · PDF 1.23 MB/4 MB');
  });

  it('warns over a cap and leaves out what the document has not got', () => {
    expect(statusText({ summaryChars: 120, summaryCap: 100, pdfBytes: null, pdfCap: 4_000_000 }, zh)).toEqual({ text: '簡述 120／100 字', over: true });
    expect(statusText({ summaryChars: null, summaryCap: null, pdfBytes: 4_500_000, pdfCap: 4_000_000 }, zh)).toEqual({ text: 'PDF 4.50 MB／4 MB', over: true });
    expect(statusText({ summaryChars: null, summaryCap: null, pdfBytes: null, pdfCap: 4_000_000 }, zh)).toBeUndefined();
  });
});

describe('the upload readiness view', () => {
  const target: TargetReadiness = {
    uri: 'file:///p/targets/ntust-ee.yaml',
    name: '臺科大電機',
    channel: '申請入學',
    errors: 1,
    warnings: 2,
    counts: [
      { label: 'B-1', count: 4, cap: 3 },
      { label: 'C', count: 2, cap: 10 },
    ],
    documents: [
      { uri: 'file:///p/courses/a.md', title: '智慧澆花', label: 'B-1', bytes: 1_500_000, cap: 4_000_000 },
      { uri: 'file:///p/courses/b.md', title: '英語演講', label: 'B-2', bytes: null, cap: 4_000_000 },
    ],
  };

  it('lists per target its problems, counts against caps and documents with sizes, with a Pack button on the target', () => {
    const [row] = readinessTree([target], zh);
    expect(row).toMatchObject({
      label: '臺科大電機',
      description: '申請入學 · 1 個錯誤、2 個警告',
      contextValue: 'target',
      targetUri: target.uri,
      icon: 'error',
    });
    const [counts, documents] = row!.children;
    expect(counts!.children.map((c) => [c.label, c.description, c.icon])).toEqual([
      ['B-1', '4／3', 'warning'],
      ['C', '2／10', 'pass'],
    ]);
    expect(documents!.children.map((d) => [d.label, d.description, d.uri])).toEqual([
      ['智慧澆花', 'B-1 · 1.50 MB／4 MB', 'file:///p/courses/a.md'],
      ['英語演講', 'B-2 · 尚未排版', 'file:///p/courses/b.md'],
    ]);
  });

  it('says a target without problems is ready, in English too', () => {
    const [row] = readinessTree([{ ...target, errors: 0, warnings: 1, counts: [], documents: [] }], en);
    expect(row).toMatchObject({ description: '申請入學 · 1 warning', icon: 'warning', children: [] });
    expect(readinessTree([{ ...target, errors: 0, warnings: 0 }], en)[0]!.description).toBe('申請入學 · ready to pack');
  });
});

describe('the preview feed', () => {
  const answer = (version: number, pdf: string | null): PreviewResult => ({
    uri: 'u',
    version,
    pdf,
    pages: 1,
    pageSize: { width: 1, height: 1 },
    map: [],
    reason: pdf ? undefined : '有錯誤',
  });
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('folds a burst of edits into one request and one more for what was typed meanwhile', async () => {
    const posted: ToPreview[] = [];
    let requests = 0;
    let release: () => void = () => undefined;
    const feed = previewFeed('u', {
      delayMs: 5,
      post: (m) => posted.push(m),
      request: async () => {
        requests++;
        if (requests === 1) await new Promise<void>((resolve) => (release = resolve));
        return answer(requests, Buffer.from(`%PDF ${requests}`).toString('base64'));
      },
    });
    for (let i = 0; i < 5; i++) feed.changed();
    await settle(20);
    expect(requests).toBe(1);
    feed.changed();
    feed.changed();
    await settle(20);
    expect(requests).toBe(1); // still waiting for the first answer
    release();
    await settle(20);
    expect(requests).toBe(2);
    expect(posted.map((m) => m.type === 'preview' && [Buffer.from(m.pdf).toString(), m.version])).toEqual([
      ['%PDF 1', 1],
      ['%PDF 2', 2],
    ]);
    feed.dispose();
  });

  it('passes on why there is no PDF, and nothing after it is closed', async () => {
    const posted: ToPreview[] = [];
    const feed = previewFeed('u', { delayMs: 1, post: (m) => posted.push(m), request: async () => answer(3, null) });
    feed.changed();
    await settle(15);
    expect(posted).toEqual([{ type: 'reason', reason: '有錯誤' }]);
    feed.changed();
    feed.dispose();
    await settle(15);
    expect(posted).toHaveLength(1);
  });
});

describe('the extension manifest and pages', () => {
  const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
  const nls = (name: string) => JSON.parse(readFileSync(join(extension, name), 'utf8')) as Record<string, string>;

  it('has every %key% of the manifest in English (VS Code in English) and Traditional Chinese', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(10);
    for (const file of ['package.nls.json', 'package.nls.zh-tw.json']) expect(Object.keys(nls(file)).sort()).toEqual([...new Set(keys)].sort());
    expect(nls('package.nls.zh-tw.json')['view.readiness']).toBe('上傳準備');
  });

  it('declares the commands it registers, the readiness view and the problem matcher for tasks', () => {
    const source = readFileSync(join(extension, 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command);
    for (const command of registered) expect(declared).toContain(command);
    expect(manifest.contributes.views.licheng[0].id).toBe('licheng.readiness');
    const pattern = new RegExp(manifest.contributes.problemMatchers[0].pattern.regexp);
    expect('courses/bad.md:6:1: error: 欄位「學期」的值不正確；應為 1 或 2 [key-type]'.match(pattern)?.slice(1)).toEqual([
      'courses/bad.md',
      '6',
      '1',
      'error',
      '欄位「學期」的值不正確；應為 1 或 2',
      'key-type',
    ]);
  });

  it('speaks English only when VS Code does', () => {
    expect([uiLangOf('en'), uiLangOf('en-gb'), uiLangOf('zh-tw'), uiLangOf('ja')]).toEqual(['en', 'en', 'zh', 'zh']);
  });

  it('previews only documents that have a PDF, and packs only targets', () => {
    expect(['/p/courses/a.md', 'C:\\p\\performances\\x\\b.md', '/p/summary.md', '/p/statements/s.md'].map(isPreviewable)).toEqual([true, true, true, true]);
    expect(['/p/portfolio.yaml', '/p/targets/t.yaml', '/p/README.md', '/p/media/notes.md'].map(isPreviewable)).toEqual([false, false, false, false]);
    expect(['/p/targets/t.yaml', 'C:\\p\\targets\\t.yml', '/p/targets/old/t.yaml', '/p/portfolio.yaml'].map(isTarget)).toEqual([true, true, false, false]);
  });

  it('gives the webview a strict content policy: scripts only with the nonce, no network', () => {
    const html = webviewHtml({ cspSource: 'vscode-webview://x', nonce: 'n0nce', script: 's.js', style: 'p.css', worker: 'w.mjs', lang: 'zh' });
    const policy = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'nonce-n0nce'");
    expect(policy).not.toMatch(/https?:|unsafe-eval/);
    expect(html).toContain('<script type="module" nonce="n0nce" src="s.js">');
    expect(html).toContain('lang="zh-Hant-TW"');
  });
});

describe('New document from template (the bundled CLI, run as the extension runs it)', () => {
  const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

  it('writes the document from a shipped pack, and says why not when the file exists', async () => {
    const root = await makePortfolio({});
    const file = join(root, 'courses', 'lab.md');
    expect(await runCli(cli, ['new', 'course', file, '--template', 'physics-inquiry'], root)).toMatchObject({ code: 0 });
    expect(readFileSync(file, 'utf8')).toMatch(/^---\n/);
    const again = await runCli(cli, ['new', 'course', file, '--lang', 'en'], root);
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('lab.md');
    expect(again.output).not.toMatch(/\bat .+:\d+:\d+\)/);
    expect(existsSync(join(root, 'courses', 'lab-1.md'))).toBe(false);
  });
});
