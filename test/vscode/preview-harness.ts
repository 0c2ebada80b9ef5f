import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { webviewHtml } from '../../editors/vscode/src/webview-html.js';
import type { FromPreview } from '../../editors/vscode/src/webview-messages.js';
import type { MapBlock, Preview } from '../../web/preview/preview.js';

/** The bundled preview page (dist/web/preview) served on 127.0.0.1 with a host page for tests. */
export interface PreviewHarness {
  url: string;
  close(): Promise<void>;
}

const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
const pageDir = join(import.meta.dirname, '..', '..', 'dist', 'web', 'preview');

/** What the host pages put on `window` for a test to drive and read. */
export interface HarnessWindow {
  preview: Preview;
  /** Lines a click reported (host page). */
  reveals: number[];
  show(base64: string, map: readonly MapBlock[], version: number): Promise<void>;
  /** Messages the panel page posted to the extension (webview page). */
  posted: FromPreview[];
}

/** The host page: the preview filling the window, clicks collected in `window.reveals`. */
const hostPage = (lang: string) => `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="preview.css"><style>html,body{margin:0;height:100%}</style></head>
<body><script type="module">
import { createPreview } from './preview.js';
window.reveals = [];
window.preview = createPreview(document.body, { lang: '${lang}', onReveal: (line) => window.reveals.push(line) });
window.show = (base64, map, version) => window.preview.show(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), map, version);
</script></body></html>`;

/**
 * The VS Code panel's own page (editors/vscode/src/webview-html.ts, its content policy included)
 * with a stand-in for the `acquireVsCodeApi()` a webview provides: what the page posts lands in
 * `window.posted`; the extension's messages are sent with `window.postMessage`.
 */
const webviewPage = (origin: string) => {
  const nonce = 'test-nonce';
  const html = webviewHtml({ cspSource: origin, nonce, script: 'vscode-webview.js', style: 'preview.css', worker: 'pdf.worker.min.mjs', lang: 'zh' });
  const standIn = `<script nonce="${nonce}">window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m) });</script>`;
  return html.replace('<script type="module"', `${standIn}<script type="module"`);
};

export async function servePreview(): Promise<PreviewHarness> {
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/webview.html') {
      const html = url.pathname === '/' ? hostPage(url.searchParams.get('lang') ?? 'zh') : webviewPage(`http://${request.headers.host}`);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const file = normalize(join(pageDir, url.pathname));
    if (!file.startsWith(pageDir)) return void response.writeHead(403).end();
    const body = await readFile(file).catch(() => undefined);
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
