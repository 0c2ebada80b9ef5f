import type { Position } from '../diagnostics.js';

/** Where Handlebars says a template is wrong: its own line for a syntax error, else the first line. */
export function templateErrorPlace(error: Error & { lineNumber?: number; column?: number }): Position | undefined {
  const line = error.lineNumber ?? Number(/^Parse error on line (\d+)/.exec(error.message)?.[1] ?? NaN);
  return Number.isFinite(line) ? { line, column: (error.column ?? 0) + 1 } : undefined;
}

/** Handlebars' reason in one line: the parser's excerpt with its caret is left out. */
export const templateErrorReason = (error: Error): string => {
  const lines = error.message.split('\n');
  return (lines[0]?.startsWith('Parse error') ? lines.slice(3) : lines).join(' ').trim() || lines[0] || String(error);
};
