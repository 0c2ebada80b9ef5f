import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previewFeed } from '../../editors/vscode/src/preview-feed.js';
import {
  documentStatusRequest,
  previewRequest,
  targetsRequest,
  type DocumentStatus,
  type PreviewResult,
  type TargetReadiness,
} from '../../editors/vscode/src/protocol.js';
import { readinessTree } from '../../editors/vscode/src/readiness.js';
import { statusText } from '../../editors/vscode/src/status.js';
import { stringsFor } from '../../editors/vscode/src/strings.js';
import type { ToPreview } from '../../editors/vscode/src/webview-messages.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

/** The extension's views fed with the real server's answers on the example portfolio, as a student opens it. */
let lsp: LspClient;
let root: string;
let course: string;

beforeAll(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'licheng-vscode-')), 'portfolio');
  await cp(join(import.meta.dirname, '..', '..', 'examples', 'portfolio'), root, { recursive: true });
  lsp = await startLsp(root);
  course = fileUri(join(root, 'courses', 'smart-watering.md'));
  await lsp.open(course, await readFile(join(root, 'courses', 'smart-watering.md'), 'utf8'));
});

afterAll(async () => {
  await lsp?.shutdown();
});

describe('the extension on the real server', () => {
  it('shows the example target in 上傳準備 with its counts and documents', async () => {
    const targets = await lsp.connection.sendRequest<TargetReadiness[]>(targetsRequest, {});
    const [row] = readinessTree(targets, stringsFor('zh'));
    expect(row).toMatchObject({ label: 'ntust-ee', contextValue: 'target', targetUri: fileUri(join(root, 'targets', 'ntust-ee.yaml')) });
    const documents = row!.children.find((group) => group.label === '文件')!.children;
    expect(documents.map((d) => d.uri)).toContain(course);
    expect(documents.every((d) => /^(?:B-1|B-2|C|D-1|D-2) · /.test(d.description!))).toBe(true);
    // The target's own cap (上限 B-1: 3), one course listed under it.
    const counts = row!.children.find((group) => group.label === '件數')!.children;
    expect(counts.find((c) => c.label === 'B-1')).toMatchObject({ description: '1／3', icon: 'pass' });
  });

  it('puts the 簡述 count and, once previewed, the PDF size in the status bar', async () => {
    const feed: ToPreview[] = [];
    const previews = previewFeed(course, {
      delayMs: 1,
      post: (m) => feed.push(m),
      request: (uri) => lsp.connection.sendRequest<PreviewResult>(previewRequest, { textDocument: { uri } }),
    });
    previews.changed();
    await expect.poll(() => feed.length, { timeout: 20_000 }).toBe(1);
    previews.dispose();
    const shown = feed[0]!;
    expect(shown.type === 'preview' && Buffer.from(shown.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const status = await lsp.connection.sendRequest<DocumentStatus>(documentStatusRequest, { textDocument: { uri: course } });
    const text = statusText(status, stringsFor('zh'));
    expect(text?.text).toMatch(/^簡述 \d+／100 字 · PDF [\d.]+ (?:KB|MB)／4 MB$/);
    expect(text?.over).toBe(false);
  });
});
