import { message, type ArgsOf, type Lang, type MessageId, type MessageArgs } from './messages.js';

export type Severity = 'error' | 'warning';

export interface Position {
  line: number;
  column: number;
}

/** One finding about one file, at a 1-based line and column. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  ruleId: MessageId;
  args: MessageArgs;
}

/** A message's arguments after its id: they may be left out when it takes none that are required. */
export type ArgsParam<K extends MessageId> = Record<never, never> extends ArgsOf<K> ? [args?: ArgsOf<K>] : [args: ArgsOf<K>];

/** The one way to create a diagnostic: its arguments are checked against the message's (src/message-args.ts). */
export function diagnostic<K extends MessageId>(file: string, place: Position | undefined, severity: Severity, ruleId: K, ...[args]: ArgsParam<K>): Diagnostic {
  return { file, line: place?.line ?? 1, column: place?.column ?? 1, severity, ruleId, args: (args ?? {}) as MessageArgs };
}

/** The text of a diagnostic in a language. */
const text = (d: Diagnostic, lang: Lang): string => message(d.ruleId, d.args as ArgsOf<MessageId>, lang);

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** `FILE:LINE:COL: error|warning: MESSAGE [rule-id]`, the shape VS Code's `$gcc` matcher reads. */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${text(d, lang)} [${d.ruleId}]`;
}

export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  ruleId: string;
}

export function diagnosticJson(d: Diagnostic, lang: Lang): DiagnosticJson {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, message: text(d, lang), ruleId: d.ruleId };
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
