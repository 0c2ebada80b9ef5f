import type { KeyTable } from '../model/fields.js';

/**
 * YAML read line by line, for places where the text being typed does not parse yet
 * (`簡` with no colon): the front matter's lines and the keys a line sits under.
 */

/** 0-based first and last line of a Markdown file's front matter (between the --- lines), if it has one. */
export function frontMatterLines(lines: readonly string[]): { first: number; last: number } | undefined {
  if (!/^---\s*$/.test(lines[0] ?? '')) return undefined;
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  return { first: 1, last: end < 0 ? lines.length - 1 : end - 1 };
}

/** Where a line's content starts: its indent, a list item's `- ` counted in. */
const contentIndent = (line: string): number => /^\s*(?:-\s+)?/.exec(line)![0].length;

/** The written keys a line sits under, outermost first (`團隊` for a member's `工作內容`). */
export function parentKeys(lines: readonly string[], line: number, first: number): string[] {
  const keys: string[] = [];
  let indent = contentIndent(lines[line] ?? '');
  for (let i = line - 1; i >= first && indent > 0; i--) {
    const text = lines[i]!;
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const at = /^\s*/.exec(text)![0].length;
    const key = /^\s*(?:-\s+)?([^:：#\s][^:：#]*?)\s*[:：]/.exec(text);
    if (contentIndent(text) < indent && key) {
      keys.unshift(key[1]!);
      indent = at;
    } else if (at < indent && /^\s*-(\s|$)/.test(text)) {
      // Inside this list item: the key holding the list is at its indent or less (`團隊:` then `- 姓名: …`).
      indent = at + 1;
    }
  }
  return keys;
}

/** The canonical key path of written parent keys, and the table of the keys under them. */
export function canonicalPath(table: KeyTable, written: readonly string[]): { path: string[]; table: KeyTable | undefined } {
  const path: string[] = [];
  let keys: KeyTable | undefined = table;
  for (const name of written) {
    const canonical: string = keys?.keys.get(name) ?? name;
    path.push(canonical);
    keys = keys?.nested?.[canonical];
  }
  return { path, table: keys };
}
