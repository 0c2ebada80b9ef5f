import type { EditorView } from '@codemirror/view';
import { frontMatterEnd } from './front-matter.js';

/**
 * `![](path)` as a paragraph of its own at the line of `at`: blank lines around it, or Markdown
 * would join it to the text above as an inline picture. Dropped on the front matter, it goes to the
 * first line after it: a picture in the YAML would break every field.
 */
export function insertImage(view: EditorView, at: number, path: string): void {
  const doc = view.state.doc;
  const end = frontMatterEnd(doc);
  const line = end !== undefined && doc.lineAt(at).number <= end ? doc.line(Math.min(end + 1, doc.lines)) : doc.lineAt(at);
  const blank = line.text.trim() === '';
  const position = blank ? line.from : line.to;
  const above = blank ? (line.number > 1 ? doc.line(line.number - 1).text.trim() !== '' : false) : true;
  const below = line.number < doc.lines && doc.line(line.number + 1).text.trim() !== '';
  const image = `![](${path})`;
  const insert = blank ? `${above ? '\n' : ''}${image}${below ? '\n' : ''}` : `\n\n${image}${below ? '\n' : ''}`;
  view.dispatch({ changes: { from: position, insert }, selection: { anchor: position + insert.length } });
}

/** The front matter's `影音檔:` set to `path` (a commented-out one from the template is used), added when missing. */
export function setMediaKey(view: EditorView, path: string): void {
  const doc = view.state.doc;
  const entry = `影音檔: ${path}`;
  const end = frontMatterEnd(doc);
  if (end === undefined) {
    // An unclosed front matter is left for the student to close (the problems panel says so).
    if (doc.line(1).text.trimEnd() !== '---') view.dispatch({ changes: { from: 0, insert: `---\n${entry}\n---\n\n` } });
    return;
  }
  for (let n = 2; n < end; n++) {
    const line = doc.line(n);
    if (/^#?\s*(影音檔|media)\s*[:：]/.test(line.text)) {
      view.dispatch({ changes: { from: line.from, to: line.to, insert: entry } });
      return;
    }
  }
  view.dispatch({ changes: { from: doc.line(end).from, insert: `${entry}\n` } });
}
