import type { Text } from '@codemirror/state';

/** The 1-based line of the `---` that closes a document's front matter; undefined without one. */
export function frontMatterEnd(doc: Text): number | undefined {
  if (doc.line(1).text.trimEnd() !== '---') return undefined;
  for (let n = 2; n <= doc.lines; n++) if (/^(---|\.\.\.)\s*$/.test(doc.line(n).text)) return n;
  return undefined;
}
