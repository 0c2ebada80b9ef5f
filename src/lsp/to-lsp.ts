import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import type { Diagnostic } from '../diagnostics.js';
import { message, type Lang } from '../messages.js';
import { packageRoot } from '../paths.js';

/** What a code action needs to know of the diagnostic it fixes. */
export interface DiagnosticData {
  ruleId: string;
  args: Diagnostic['args'];
}

const ruleDocs = new Map<string, string | undefined>();

/** The rule's page in docs/rules/, when this install has it. */
export function ruleHref(id: string): string | undefined {
  if (!ruleDocs.has(id)) {
    const page = join(packageRoot, 'docs', 'rules', `${id}.md`);
    ruleDocs.set(id, existsSync(page) ? pathToFileURL(page).href : undefined);
  }
  return ruleDocs.get(id);
}

/** From a 1-based line and column to the end of that line's text: what an editor underlines. */
function lineRange(lines: readonly string[], line: number, column: number): Range {
  const start = { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
  const lineText = lines[start.line]?.replace(/\s+$/, '') ?? '';
  return { start, end: { line: start.line, character: Math.max(start.character + 1, lineText.length) } };
}

/** A licheng diagnostic as the editor shows it: same id, message and position as `licheng check`. */
export function toLspDiagnostic(d: Diagnostic, lines: readonly string[], lang: Lang): LspDiagnostic {
  const href = ruleHref(d.ruleId);
  const data: DiagnosticData = { ruleId: d.ruleId, args: d.args };
  return {
    range: lineRange(lines, d.line, d.column),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'licheng',
    message: message(d.ruleId, d.args, lang),
    data,
  };
}
