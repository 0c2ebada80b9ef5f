import { basename, dirname, relative } from 'node:path';
import type { Connection, ExecuteCommandParams, Range, WorkDoneProgressReporter } from 'vscode-languageserver';
import { build } from '../build.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { formatBytes } from '../format.js';
import type { Lang } from '../messages.js';
import { compressFile } from '../media/compress.js';
import { isMediaError } from '../media/errors.js';
import { mediaErrorMessage } from '../media/messages.js';
import { pack } from '../pack/pack.js';
import type { Progress } from '../progress.js';
import { commands } from './code-actions.js';
import { lspMessage, type LspMessageId } from './messages.js';
import { uriToPath, type Workspace } from './workspace.js';

export interface CommandResult {
  ok: boolean;
  message: string;
  /** Files written (absolute paths). */
  outputs: string[];
}

/** Where a compressed file's new name goes: the path as written in the document that named it. */
interface ReferencePlace {
  uri: string;
  range: Range;
  written: string;
}

/**
 * `licheng.build`, `licheng.pack` and `licheng.compress`: the CLI's work, in the server, with
 * `$/progress` (`progress`) when the client gave a token. Build and pack read the saved files, as the CLI does.
 */
export async function runCommand(
  connection: Connection,
  workspace: Workspace,
  params: ExecuteCommandParams,
  progress: WorkDoneProgressReporter,
  lang: Lang,
): Promise<CommandResult> {
  const [uri, place] = (params.arguments ?? []) as [unknown, ReferencePlace | undefined];
  const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
  const fail = (id: LspMessageId, args = {}): CommandResult => ({ ok: false, message: lspMessage(id, args, lang), outputs: [] });
  if (!path) return fail('cmd-arguments', { command: params.command });
  const root = await workspace.rootOf(path);
  const title = params.command === commands.build ? 'progress-build' : params.command === commands.pack ? 'progress-pack' : 'progress-compress';
  progress.begin(lspMessage(title, {}, lang), 0);
  const report = (fraction: number, message?: string) => {
    const percentage = Math.round(Math.min(1, fraction) * 100);
    if (message === undefined) progress.report(percentage);
    else progress.report(percentage, message);
  };
  try {
    if (params.command === commands.compress) {
      const result = await compressFile(path, { outDir: dirname(path), onProgress: (p) => report(p.fraction) });
      if (place) {
        const newText = place.written.slice(0, place.written.length - basename(place.written).length) + basename(result.path);
        await connection.workspace.applyEdit({ changes: { [place.uri]: [{ range: place.range, newText }] } });
      }
      return {
        ok: true,
        message: lspMessage('cmd-compressed', { path: basename(result.path), bytes: formatBytes(result.bytes) }, lang),
        outputs: [result.path],
      };
    }
    if (!root) return fail('cmd-outside');
    const onProgress = (p: Progress) => {
      if (p.kind === 'document' || p.kind === 'target') report(p.done / p.total, 'file' in p ? p.file : p.name);
      if (p.kind === 'media') report(p.fraction, p.file);
    };
    if (params.command === commands.build) {
      const result = await build([path], { cwd: root, lang, onProgress });
      const pdf = result.portfolios[0]?.documents[0]?.pdf;
      const outDir = result.portfolios[0]?.outDir ?? root;
      if (!pdf) return notDone('cmd-not-built', {}, result.diagnostics);
      return {
        ok: true,
        message: lspMessage('cmd-built', { path: relative(root, `${outDir}/${pdf.path}`), bytes: formatBytes(pdf.bytes), pages: pdf.pages }, lang),
        outputs: [`${outDir}/${pdf.path}`],
      };
    }
    if (params.command === commands.pack) {
      const result = await pack([root], { cwd: root, targets: [path], onProgress });
      const bundle = result.bundles[0];
      const target = basename(path);
      if (!bundle?.ok) return notDone('cmd-not-packed', { target }, [...result.diagnostics, ...(bundle?.diagnostics ?? [])]);
      return {
        ok: true,
        message: lspMessage('cmd-packed', { target, dir: relative(root, bundle.dir), files: bundle.files.length }, lang),
        outputs: bundle.files.map((f) => `${bundle.dir}/${f.name}`),
      };
    }
    return fail('cmd-arguments', { command: params.command });
  } catch (error) {
    const reason = isMediaError(error) ? mediaErrorMessage(error, lang) : (error as Error).message;
    return fail(params.command === commands.compress ? 'cmd-not-compressed' : 'cmd-failed', { reason });
  } finally {
    progress.done();
  }

  function notDone(id: LspMessageId, args: Record<string, string>, diagnostics: readonly Diagnostic[]): CommandResult {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return fail(id, { ...args, count: errors.length, first: errors[0] ? formatDiagnostic(errors[0], lang) : '' });
  }
}
