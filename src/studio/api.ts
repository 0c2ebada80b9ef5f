import { access, readdir, readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { check } from '../check.js';
import { diagnosticJson } from '../diagnostics.js';
import { isMediaError } from '../media/errors.js';
import { mediaErrorMessage } from '../media/messages.js';
import type { Lang } from '../messages.js';
import { confine, isInside } from '../read/resolve-asset.js';
import { packManifestNames } from '../model/pack-sections.js';
import { builtInPacks } from '../scaffold/find-pack.js';
import { newDocument } from '../scaffold/new-document.js';
import { ScaffoldError } from '../scaffold/scaffold-error.js';
import { newKinds, type NewKind } from '../scaffold/template-data.js';
import { documentKinds } from '../model/vocabulary.js';
import { readJson, sendJson, sendStatus } from './http.js';
import type { LspSession } from './lsp-session.js';
import { studioText } from './messages.js';
import { listPortfolio, portable } from './portfolio-files.js';
import { readSource, saveSource, type SourceProblem } from './source-file.js';
import { receiveUpload, sanitiseName } from './upload.js';

/** A saved text is at most one document (inputLimits.fileMaxBytes) with room for JSON's escapes. */
const jsonMaxBytes = 4_000_000;

export interface StudioContext {
  root: string;
  lang: Lang;
  sessions: Map<string, LspSession>;
}

const problemStatus: Record<SourceProblem, number> = { outside: 403, remote: 403, missing: 404, 'not-file': 404, 'not-editable': 415, 'not-utf8': 415 };

function sendProblem(response: ServerResponse, problem: SourceProblem, lang: Lang): void {
  sendJson(response, problemStatus[problem], { problem, message: studioText.problem[problem][lang] });
}

export async function files(response: ServerResponse, { root }: StudioContext): Promise<void> {
  sendJson(response, 200, { groups: await listPortfolio(root) });
}

export async function openFile(response: ServerResponse, { root, lang }: StudioContext, path: string): Promise<void> {
  const opened = await readSource(root, path);
  if ('problem' in opened) sendProblem(response, opened.problem, lang);
  else sendJson(response, 200, opened);
}

/** 200 with the new version, or 409 with the text on disk: the page lets the student choose. */
export async function saveFile(request: IncomingMessage, response: ServerResponse, { root, lang }: StudioContext, path: string): Promise<void> {
  const body = await readJson(request, jsonMaxBytes);
  if (typeof body?.text !== 'string' || typeof body.version !== 'string') return sendStatus(response, 400, studioText.badRequest[lang]);
  const result = await saveSource(root, path, body.text, body.version);
  if ('problem' in result) sendProblem(response, result.problem, lang);
  else if ('conflict' in result) sendJson(response, 409, result.conflict);
  else sendJson(response, 200, result.saved);
}

/** Where a new document of a kind goes: its kind's folder (summary.md at the root). */
function newPath(root: string, kind: NewKind, name: string): string {
  if (kind === 'summary') return join(root, 'summary.md');
  const folder = kind === 'target' ? 'targets' : documentKinds[kind].folder;
  return join(root, folder, `${sanitiseName(`${name}.x`)}${kind === 'target' ? '.yaml' : '.md'}`);
}

export async function createDocument(request: IncomingMessage, response: ServerResponse, { root, lang }: StudioContext): Promise<void> {
  const body = await readJson(request, jsonMaxBytes);
  const kind = body?.kind;
  if (typeof kind !== 'string' || !(newKinds as readonly string[]).includes(kind) || typeof body?.name !== 'string')
    return sendStatus(response, 400, studioText.badRequest[lang]);
  const path = newPath(root, kind as NewKind, body.name);
  // The kind's folder may be a link leading out of the portfolio: nothing is written through it.
  const folder = await realpath(dirname(path)).catch(() => undefined);
  if (folder && !isInside(root, join(folder, 'x'))) return sendProblem(response, 'outside', lang);
  const template = typeof body.template === 'string' && body.template ? body.template : undefined;
  try {
    const made = await newDocument(kind, path, { template: template && (await packPath(root, template)) });
    sendJson(response, 201, { path: portable(root, made.path) });
  } catch (error) {
    if (error instanceof ScaffoldError) sendJson(response, 422, { problem: error.code, message: error.text(lang) });
    else throw error;
  }
}

/** A pack the page names: one shipped with licheng by name, or a teacher's pack (.zip or folder) in the portfolio. */
async function packPath(root: string, name: string): Promise<string> {
  if ((await builtInPacks()).includes(name)) return name;
  const path = resolve(root, name);
  return isInside(root, path) ? path : join(root, basename(path));
}

/** The packs a new document can start from: licheng's own, and the teachers' packs at the portfolio's top. */
export async function templates(response: ServerResponse, { root }: StudioContext): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const teachers = [];
  for (const entry of entries) {
    if (entry.isFile() && /\.zip$/i.test(entry.name)) teachers.push(entry.name);
    else if (
      entry.isDirectory() &&
      (await Promise.any(packManifestNames.map((m) => access(join(root, entry.name, m)))).then(
        () => true,
        () => false,
      ))
    )
      teachers.push(entry.name);
  }
  sendJson(response, 200, { kinds: newKinds, packs: [...(await builtInPacks()), ...teachers.sort()] });
}

/** Every problem of the portfolio, by file, from the same checks as `licheng check`. */
export async function problems(response: ServerResponse, { root, lang }: StudioContext): Promise<void> {
  const result = await check(['.'], { cwd: root });
  sendJson(response, 200, { diagnostics: result.diagnostics.map((d) => diagnosticJson(d, lang)) });
}

export async function upload(
  request: IncomingMessage,
  response: ServerResponse,
  { root, lang, sessions }: StudioContext,
  query: URLSearchParams,
): Promise<void> {
  const session = sessions.get(query.get('session') ?? '');
  const name = query.get('name') ?? 'media';
  try {
    const uploaded = await receiveUpload(request, root, name, (p) => session?.event('upload', { name, fraction: p.fraction }));
    if (uploaded === 'outside') return sendJson(response, 403, { problem: 'outside', message: studioText.problem.outside[lang] });
    const { result } = uploaded;
    sendJson(response, 201, { path: uploaded.path, kind: result.kind, bytes: result.bytes, maxBytes: result.maxBytes, unchanged: result.unchanged });
  } catch (error) {
    if (!isMediaError(error)) throw error;
    sendJson(response, 422, { problem: error.code, message: mediaErrorMessage(error, lang) });
  }
}

const outputTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/plain; charset=utf-8',
};

/** A built PDF or a bundle's file, read-only, from the portfolio's `out/` only; never run as a page. */
export async function output(response: ServerResponse, { root, lang }: StudioContext, path: string): Promise<void> {
  const confined = confine(resolve(root, 'out', path), join(root, 'out'));
  if ('problem' in confined) return sendProblem(response, confined.problem, lang);
  response.writeHead(200, {
    'content-type': outputTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(await readFile(confined.path));
}
