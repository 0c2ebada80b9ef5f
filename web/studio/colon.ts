import { startCompletion } from '@codemirror/autocomplete';
import { isolateHistory } from '@codemirror/commands';
import type { EditorState, Extension } from '@codemirror/state';
import { EditorView, ViewPlugin } from '@codemirror/view';
import { yamlSlips } from '../../src/read/yaml-advice.js';
import { frontMatterEnd } from './front-matter.js';

/** Whether a 1-based line is YAML: a target's or portfolio.yaml's any line, a document's between its `---` lines. */
function inYaml(state: EditorState, line: number, wholeFile: boolean): boolean {
  const end = frontMatterEnd(state.doc);
  return wholeFile || (end !== undefined && line > 1 && line < end);
}

/** Whether a line is text of a block scalar (`簡述: |` and the lines indented under it), where `：` is prose. */
function inBlockScalar(state: EditorState, line: number): boolean {
  const indent = (text: string) => /^[ \t]*/.exec(text)![0].length;
  const own = indent(state.doc.line(line).text);
  for (let n = line - 1; n >= 1 && own > 0; n--) {
    const text = state.doc.line(n).text;
    if (text.trim() === '' || indent(text) >= own) continue;
    return /:[ \t]*[|>][+-]?\d*[ \t]*(#.*)?$/.test(text);
  }
  return false;
}

/** The `：` just before the cursor when it is the slip `licheng check` reports after a key (yaml-syntax). */
function slipBeforeCursor(state: EditorState, wholeFile: boolean): number | undefined {
  const { main } = state.selection;
  if (!main.empty || state.sliceDoc(main.head - 1, main.head) !== '：') return undefined;
  const line = state.doc.lineAt(main.head);
  if (!inYaml(state, line.number, wholeFile) || inBlockScalar(state, line.number)) return undefined;
  const column = main.head - 1 - line.from;
  return yamlSlips(line.text).some((slip) => slip.cause === 'fullwidth-colon' && slip.offset === column) ? main.head - 1 : undefined;
}

/**
 * A Chinese keyboard types `：` after a key, which YAML does not read as a colon: it becomes `: `
 * as it is typed (the fix `licheng check` suggests), and the key's choices open at once
 * (類別： → 類別: with B-1, B-2 …). Ctrl+Z brings the `：` back. `wholeFile`: a YAML file, not a
 * document's front matter.
 */
export function colonAfterKeys(wholeFile: boolean): Extension {
  // After the change that typed it, never inside it, and never during an IME's composition.
  const fix = (view: EditorView) =>
    setTimeout(() => {
      const at = view.composing ? undefined : slipBeforeCursor(view.state, wholeFile);
      if (at === undefined) return;
      // Its own step in the history (Ctrl+Z undoes the change of colon, not the typing before it); not
      // `input.type`, so that only the explicit request below asks the server.
      view.dispatch({
        changes: { from: at, to: at + 1, insert: ': ' },
        selection: { anchor: at + 2 },
        userEvent: 'input',
        annotations: isolateHistory.of('full'),
      });
      startCompletion(view);
    });
  return [
    ViewPlugin.define((view) => ({
      update(update) {
        if (update.docChanged && update.transactions.some((tr) => tr.isUserEvent('input.type'))) fix(view);
      },
    })),
    EditorView.domEventHandlers({ compositionend: (_event, view) => void fix(view) }),
  ];
}
