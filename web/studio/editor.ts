import { autocompletion, closeBrackets, closeBracketsKeymap, CompletionContext, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { yaml, yamlFrontmatter } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { serverCompletionSource, type LSPClient } from '@codemirror/lsp-client';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type ViewUpdate } from '@codemirror/view';
import { colonAfterKeys } from './colon.js';
import { quickFixes } from './quick-fix.js';

export interface EditorHooks {
  /** Every change of the text (typing, a quick fix, an inserted photo). */
  onChange(view: EditorView): void;
  /** The cursor moved to another line (0-based). */
  onCursorLine(line: number): void;
  /** Files dropped at a document position. */
  drop(files: File[], at: number): void;
}

/**
 * lsp-client asks the server on its own only after a Latin letter or a trigger character, but the
 * keys and values students type are Chinese: after a Han character the server is asked as well.
 */
const afterHan: CompletionSource = (context) =>
  !context.explicit && /\p{Script=Han}/u.test(context.state.sliceDoc(context.pos - 1, context.pos))
    ? serverCompletionSource(new CompletionContext(context.state, context.pos, true, context.view))
    : null;

/** Markdown with its YAML front matter, or a target's plain YAML. */
const languageFor = (path: string): Extension => (/\.ya?ml$/i.test(path) ? yaml() : yamlFrontmatter({ content: markdown() }));

/** An editor for one portfolio file, connected to the page's language server as `uri`. */
export function createEditor(parent: HTMLElement, client: LSPClient, uri: string, path: string, text: string, hooks: EditorHooks): EditorView {
  let lastLine = -1;
  const keys = keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]);
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        keys,
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        closeBrackets(),
        bracketMatching(),
        autocompletion(),
        colonAfterKeys(/\.ya?ml$/i.test(path)),
        EditorState.languageData.of(() => [{ autocomplete: afterHan }]),
        lintGutter(),
        quickFixes(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        languageFor(path),
        client.plugin(uri, /\.ya?ml$/i.test(path) ? 'yaml' : 'markdown'),
        EditorView.updateListener.of((update: ViewUpdate) => {
          if (update.docChanged) hooks.onChange(update.view);
          if (update.selectionSet || update.docChanged) {
            const line = update.state.doc.lineAt(update.state.selection.main.head).number - 1;
            if (line !== lastLine) hooks.onCursorLine((lastLine = line));
          }
        }),
        EditorView.domEventHandlers({
          dragover: (event) => {
            if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
            return false;
          },
          drop: (event, view) => {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length === 0) return false;
            event.preventDefault();
            hooks.drop(files, view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head);
            return true;
          },
        }),
      ],
    }),
  });
}

/** Puts the cursor at the start of a 0-based line and brings it into view. */
export function revealLine(view: EditorView, line: number): void {
  const target = view.state.doc.line(Math.min(Math.max(1, line + 1), view.state.doc.lines));
  view.dispatch({ selection: { anchor: target.from }, effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
  view.focus();
}
