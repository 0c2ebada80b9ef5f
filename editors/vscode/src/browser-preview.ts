import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { UiLang } from './strings.js';
import type { ToPreview } from './webview-messages.js';

export interface BrowserPreview {
  /** The page, token included, for the student's browser. */
  url: string;
  post(message: ToPreview): void;
  close(): Promise<void>;
}

export interface BrowserPreviewOptions {
  /** The built preview page (`dist/web/preview`: live.js, preview.js, preview.css, pdf.js's worker). */
  pageDir: string;
  lang: UiLang;
  onReveal(line: number): void;
}

const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
const page = `<!doctype html><meta charset="utf-8"><title>licheng</title><link rel="stylesheet" href="preview.css"><script type="module" src="live.js"></script>`;

/**
 * The preview for a browser tab: a server on 127.0.0.1 only, every path under a random token, the
 * Host header checked (no DNS rebinding) and the Origin of every request that carries one. PDFs and
 * cursor moves go out as server-sent events; the latest PDF is sent again to a tab that connects late.
 */
export async function startBrowserPreview(options: BrowserPreviewOptions): Promise<BrowserPreview> {
  const token = randomBytes(18).toString('base64url');
  const clients = new Set<ServerResponse>();
  let latest: string | undefined;
  let origin = '';

  const event = (message: ToPreview): string => {
    const data = message.type === 'preview' ? { ...message, pdf: Buffer.from(message.pdf).toString('base64') } : message;
    return `event: ${message.type}\ndata: ${JSON.stringify(data)}\n\n`;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const sentOrigin = request.headers.origin;
    if (request.headers.host !== origin.slice('http://'.length) || (sentOrigin !== undefined && sentOrigin !== origin))
      return void response.writeHead(403).end();
    const path = new URL(request.url ?? '/', origin).pathname;
    if (!path.startsWith(`/${token}/`)) return void response.writeHead(404).end();
    const name = path.slice(token.length + 2);
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (name === '' && request.method === 'GET') {
      response
        .writeHead(200, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'self'; img-src 'self' blob: data:; worker-src 'self' blob:",
        })
        .end(page);
    } else if (name === 'events' && request.method === 'GET') {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
      response.write(latest ?? ': nothing yet\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
    } else if (name === 'reveal' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const line = (JSON.parse(body || '{}') as { line?: unknown }).line;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) return void response.writeHead(400).end();
      options.onReveal(line);
      response.writeHead(204).end();
    } else if (/^[\w.-]+\.(?:m?js|css)$/.test(name) && request.method === 'GET') {
      const content = await readFile(join(options.pageDir, name)).catch(() => undefined);
      if (!content) return void response.writeHead(404).end();
      response.writeHead(200, { ...headers, 'content-type': types[extname(name)]! }).end(content);
    } else {
      response.writeHead(404).end();
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/${token}/${options.lang === 'en' ? '?lang=en' : ''}`,
    post(message) {
      const text = event(message);
      if (message.type === 'preview') latest = text;
      for (const client of clients) client.write(text);
    },
    close() {
      for (const client of clients) client.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
