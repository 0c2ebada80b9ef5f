import type { EditorView } from '@codemirror/view';

/** `![](path)` on a line of its own at `at`: a photo shown where it was dropped. */
export function insertImage(view: EditorView, at: number, path: string): void {
  const line = view.state.doc.lineAt(at);
  const before = line.text.trim() === '' ? '' : '\n\n';
  const position = line.text.trim() === '' ? line.from : line.to;
  const insert = `${before}![](${path})\n`;
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
