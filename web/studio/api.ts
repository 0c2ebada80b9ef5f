/** The studio server's file API, as the page uses it (src/studio/api.ts answers). */

export interface ListedFile {
  path: string;
  title: string;
}
export interface FileGroup {
  kind: 'course' | 'performance' | 'summary' | 'statement' | 'target' | 'media';
  files: ListedFile[];
}
export interface Opened {
  text: string;
  version: string;
}
export interface Problem {
  problem: string;
  message: string;
}
export interface CheckDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
}

const q = (path: string) => `path=${encodeURIComponent(path)}`;

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export const listFiles = async (): Promise<FileGroup[]> => (await json<{ groups: FileGroup[] }>(await fetch('/api/files'))).groups;

export async function openFile(path: string): Promise<Opened | Problem> {
  return json(await fetch(`/api/file?${q(path)}`));
}

export type Saved = { saved: Opened } | { conflict: Opened } | { problem: Problem };

export async function saveFile(path: string, text: string, version: string): Promise<Saved> {
  const response = await fetch(`/api/file?${q(path)}`, {
    method: 'PUT',
    body: JSON.stringify({ text, version }),
    headers: { 'content-type': 'application/json' },
  });
  if (response.status === 200) return { saved: await json<Opened>(response) };
  if (response.status === 409) return { conflict: await json<Opened>(response) };
  return { problem: await json<Problem>(response).catch(() => ({ problem: 'internal', message: response.statusText })) };
}

export async function templates(): Promise<{ kinds: string[]; packs: string[] }> {
  return json(await fetch('/api/templates'));
}

export async function newDocument(kind: string, name: string, template: string): Promise<{ path: string } | Problem> {
  return json(await fetch('/api/new', { method: 'POST', body: JSON.stringify({ kind, name, template }), headers: { 'content-type': 'application/json' } }));
}

export const portfolioProblems = async (): Promise<CheckDiagnostic[]> =>
  (await json<{ diagnostics: CheckDiagnostic[] }>(await fetch('/api/problems'))).diagnostics;

export interface UploadedMedia {
  path: string;
  kind: 'image' | 'video' | 'audio';
  bytes: number;
  maxBytes: number;
}

export async function upload(file: File, session: string): Promise<UploadedMedia | Problem> {
  return json(await fetch(`/api/upload?session=${session}&name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file }));
}

/** A file's URI for the language server, from its path in the portfolio. */
export const uriOf = (rootUri: string, path: string): string => `${rootUri}/${path.split('/').map(encodeURIComponent).join('/')}`;

const rootPath = (rootUri: string) => decodeURIComponent(rootUri.replace(/^file:\/\//, ''));

/** The portfolio path of a URI or absolute path the language server sent, or undefined when it lies elsewhere. */
export function pathOf(rootUri: string, uriOrPath: string): string | undefined {
  let file = uriOrPath;
  if (file.startsWith('file://')) {
    try {
      file = decodeURIComponent(file.slice('file://'.length));
    } catch {
      return undefined;
    }
  }
  const root = rootPath(rootUri);
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : undefined;
}

/** `to` written relative to the folder of `from` (both portfolio paths), as a document links to it. */
export function relativePath(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  while (fromParts.length && toParts.length > 1 && fromParts[0] === toParts[0]) {
    fromParts.shift();
    toParts.shift();
  }
  return [...fromParts.map(() => '..'), ...toParts].join('/');
}
