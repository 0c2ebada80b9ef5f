import type { EditorView } from '@codemirror/view';

/**
 * `![](path)` as a paragraph of its own at the line of `at`: blank lines around it, or Markdown
 * would join it to the text above as an inline picture.
 */
export function insertImage(view: EditorView, at: number, path: string): void {
  const doc = view.state.doc;
  const line = doc.lineAt(at);
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
  if (doc.lines < 2 || doc.line(1).text.trim() !== '---') {
    view.dispatch({ changes: { from: 0, insert: `---\n${entry}\n---\n\n` } });
    return;
  }
  for (let n = 2; n <= doc.lines; n++) {
    const line = doc.line(n);
    if (line.text.trim() === '---') {
      view.dispatch({ changes: { from: line.from, insert: `${entry}\n` } });
      return;
    }
    if (/^#?\s*(影音檔|media)\s*[:：]/.test(line.text)) {
      view.dispatch({ changes: { from: line.from, to: line.to, insert: entry } });
      return;
    }
  }
}
