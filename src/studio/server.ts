import { randomBytes } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from 'vscode-languageserver';
import type { Lang } from '../messages.js';
import { createDocument, files, openFile, output, problems, saveFile, templates, upload, type StudioContext } from './api.js';
import { findAssets } from './assets.js';
import { refusal, tokenCookie, tokenOf, type Door } from './door.js';
import { readJson, sendJson, sendStatus, TooLarge } from './http.js';
import { startLspSession } from './lsp-session.js';
import { studioText } from './messages.js';
import { pageHtml, pagePolicy } from './page.js';

export interface StudioOptions {
  /** The portfolio folder. */
  root: string;
  /** 0 (the default) takes any free port. */
  port?: number;
  lang?: Lang;
}

export interface Studio {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A language-server message is at most a document's text with room for JSON's escapes. */
const messageMaxBytes = 4_000_000;

/** A page gone this long (closed tab, no reconnection) has its language server stopped. */
const sessionGraceMs = 60_000;

/** Serves the studio for one portfolio on 127.0.0.1; every request passes the door (door.ts) first. */
export async function startStudio(options: StudioOptions): Promise<Studio> {
  const root = realpathSync(options.root);
  const lang = options.lang ?? 'zh';
  const assets = await findAssets();
  const context: StudioContext = { root, lang, sessions: new Map() };
  const door: Door = { token: randomBytes(32).toString('base64url'), port: 0 };
  const page = pageHtml({ lang, rootUri: pathToFileURL(root).href, name: basename(root) });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://studio');
    const { pathname, searchParams } = url;
    const method = request.method ?? 'GET';
    const path = searchParams.get('path') ?? '';
    if (method === 'GET' && pathname === '/') {
      // The token leaves the address bar (and history) at once: it lives on in the cookie.
      if (tokenOf(request, door) === 'query') {
        response.writeHead(303, { location: '/', 'set-cookie': tokenCookie(door), 'cache-control': 'no-store' });
        return void response.end();
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': pagePolicy, 'cache-control': 'no-store' });
      return void response.end(page);
    }
    const asset = method === 'GET' ? assets.get(pathname) : undefined;
    if (asset) {
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
      return void createReadStream(asset.path)
        .on('error', () => response.destroy())
        .pipe(response);
    }
    if (method === 'GET' && pathname === '/api/files') return files(response, context);
    if (method === 'GET' && pathname === '/api/file') return openFile(response, context, path);
    if (method === 'PUT' && pathname === '/api/file') return saveFile(request, response, context, path);
    if (method === 'POST' && pathname === '/api/new') return createDocument(request, response, context);
    if (method === 'GET' && pathname === '/api/templates') return templates(response, context);
    if (method === 'GET' && pathname === '/api/problems') return problems(response, context);
    if (method === 'POST' && pathname === '/api/upload') return upload(request, response, context, searchParams);
    if (method === 'GET' && pathname.startsWith('/out/')) return output(response, context, decodeURIComponent(pathname.slice('/out/'.length)));
    if (pathname === '/api/session') return session(request, response, method, searchParams.get('id') ?? '');
    sendStatus(response, 404);
  };

  const session = async (request: IncomingMessage, response: ServerResponse, method: string, id: string): Promise<void> => {
    if (method === 'POST' && !id) {
      const created = startLspSession(lang, () => context.sessions.delete(created.id), sessionGraceMs);
      context.sessions.set(created.id, created);
      return sendJson(response, 201, { id: created.id });
    }
    const found = context.sessions.get(id);
    if (!found) return sendStatus(response, 404);
    if (method === 'GET') return found.attach(response);
    if (method === 'DELETE') {
      found.dispose();
      return sendStatus(response, 204);
    }
    const message = await readJson(request, messageMaxBytes);
    if (!message) return sendStatus(response, 400, studioText.badRequest[lang]);
    found.receive(message as unknown as Message);
    sendStatus(response, 202);
  };

  const server = createServer((request, response) => {
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    const refused = refusal(request, door);
    if (refused) {
      request.resume();
      return sendStatus(response, refused, studioText.refused[lang]);
    }
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      if (error instanceof TooLarge) return sendStatus(response, 413, studioText.tooLarge[lang]);
      // A bug, not the student's doing: the page shows the message; nothing was written.
      sendJson(response, 500, { problem: 'internal', message: (error as Error).message });
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  door.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${door.port}/?token=${door.token}`,
    port: door.port,
    async close() {
      for (const s of context.sessions.values()) s.dispose();
      context.sessions.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
