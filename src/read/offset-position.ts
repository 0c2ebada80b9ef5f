import type { Position } from '../diagnostics.js';

/** File position of a character inside a node's text, from where the node starts. */
export function offsetPosition(value: string, index: number, start: Position | undefined): Position {
  const base = start ?? { line: 1, column: 1 };
  const before = value.slice(0, index);
  const newlines = before.split('\n').length - 1;
  if (newlines === 0) return { line: base.line, column: base.column + index };
  return { line: base.line + newlines, column: index - before.lastIndexOf('\n') };
}
