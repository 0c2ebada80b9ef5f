import { statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CompressProgress, CompressResult } from '../../media/compress.js';
import { isMediaError } from '../../media/errors.js';
import { compressText, describeResult, mediaDiagnostic, mediaErrorMessage } from '../../media/messages.js';
import { formatDuration } from '../../format.js';
import { parseTrim } from '../../media/trim.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { message, type Lang } from '../../messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { err, out, printJson, redraw } from '../output.js';

/** `4000000`, `4_000_000`, `4,000,000`, `4MB`, `500k` (decimal units, as the caps are). */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d[\d_,]*(?:\.\d+)?)\s*(k|kb|m|mb)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = match[2]?.toLowerCase().startsWith('m') ? 1_000_000 : match[2] ? 1_000 : 1;
  const bytes = Math.floor(Number(match[1]!.replace(/[_,]/g, '')) * unit);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/** A bar with percent and time left on a terminal; a plain line per quarter otherwise. */
function progressReporter(label: string): { report: (p: CompressProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let quarter = 0;
  return {
    report({ fraction, kind }) {
      const percent = Math.floor(fraction * 100);
      if (tty) {
        const width = 24;
        const filled = Math.round(fraction * width);
        const elapsed = (Date.now() - started) / 1000;
        const eta = fraction > 0.02 ? ` ${formatDuration((elapsed * (1 - fraction)) / fraction)}` : '';
        redraw(`${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%${eta}`);
      } else if (kind !== 'image' && fraction < 1 && Math.floor(fraction * 4) > quarter) {
        quarter = Math.floor(fraction * 4);
        err(`${label} ${quarter * 25}%`);
      }
    },
    done() {
      if (tty) redraw('');
    },
  };
}

function resultJson(result: CompressResult): Record<string, unknown> {
  return { ...result, input: shown(result.input), path: shown(result.path) };
}

export const compressCommand: Command = {
  name: 'compress',
  summary: compressText.summary,
  usage: 'licheng compress FILE… [-o DIR] [--max-bytes N] [--trim START-END] [--ffmpeg PATH]',
  options: {
    out: { type: 'string', short: 'o' },
    'max-bytes': { type: 'string' },
    trim: { type: 'string' },
    ffmpeg: { type: 'string' },
  },
  async run({ positionals, values, lang, format }) {
    const l: Lang = lang;
    if (positionals.length === 0) usage(compressText.noFiles[l]);
    const maxText = values['max-bytes'] as string | undefined;
    const maxBytes = maxText === undefined ? undefined : parseBytes(maxText);
    if (maxText !== undefined && maxBytes === undefined) usage(compressText.badMaxBytes[l]);
    const trimText = values.trim as string | undefined;
    const trim = trimText === undefined ? undefined : parseTrim(trimText);
    if (trimText !== undefined && !trim) usage(compressText.badTrim[l]);
    const folders = positionals.filter((file) => statSync(file, { throwIfNoEntry: false })?.isDirectory());
    if (folders.length > 0) usage(`${compressText.folder[l]}: ${folders.join(', ')}`);
    const missing = positionals.filter((file) => !statSync(file, { throwIfNoEntry: false })?.isFile());
    if (missing.length > 0) usage(`${compressText.missing[l]}: ${missing.join(', ')}`);

    const outDir = (values.out as string | undefined) ?? join(dirname(positionals[0]!), 'out');
    const { prepareOutputFolder } = await import('../../output-folder.js');
    const unusable = await prepareOutputFolder(outDir, outDir);
    if (unusable) usage(message(unusable.id, unusable.args, l));
    const json: Record<string, unknown>[] = [];
    let failed = 0;
    for (const input of positionals) {
      const bar = format === 'text' ? progressReporter(shown(input)) : undefined;
      try {
        const { compressFile } = await import('../../media/compress.js');
        const result = await compressFile(input, {
          outDir,
          maxBytes,
          trim,
          ffmpeg: values.ffmpeg as string | undefined,
          onProgress: bar?.report,
        });
        bar?.done();
        if (format === 'json') json.push(resultJson(result));
        else out(describeResult(result, shown(input), shown(result.path), l));
      } catch (error) {
        bar?.done();
        failed++;
        const message = isMediaError(error) ? mediaErrorMessage(error, l) : `${compressText.internal[l]}: ${(error as Error).message}`;
        if (format === 'json') json.push({ input: shown(input), error: { code: isMediaError(error) ? error.code : 'internal', message } });
        else if (isMediaError(error)) err(formatDiagnostic(mediaDiagnostic(shown(input), undefined, error, 'compress'), l));
        else err(`${shown(input)}: ${message}`);
      }
    }
    if (format === 'json') printJson(json);
    else if (positionals.length > 1) err(compressText.done[l](positionals.length - failed, positionals.length));
    return failed > 0 ? ExitCode.documentErrors : ExitCode.ok;
  },
};
