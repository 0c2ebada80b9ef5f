import { forEachDiagnostic, setDiagnosticsEffect, type Action } from '@codemirror/lint';
import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { type EditorView, gutter, GutterMarker, keymap, showTooltip, type Tooltip } from '@codemirror/view';
import { studioText } from '../../src/studio/messages.js';
import { h, t } from './dom.js';

interface Fix {
  action: Action;
  from: number;
  to: number;
}

/** The quick fixes of the problems on the line at `pos`, where the language server offers any. */
function fixesOnLine(state: EditorState, pos: number): Fix[] {
  const line = state.doc.lineAt(pos);
  const fixes: Fix[] = [];
  forEachDiagnostic(state, (diagnostic, from, to) => {
    if (from <= line.to && to >= line.from) for (const action of diagnostic.actions ?? []) fixes.push({ action, from, to });
  });
  return fixes;
}

/** Opens the menu of fixes for the line at a position, or closes it (null). */
const toggleMenu = StateEffect.define<number | null>();

function menuAt(state: EditorState, pos: number): Tooltip | null {
  const fixes = fixesOnLine(state, pos);
  if (fixes.length === 0) return null;
  return {
    pos: state.doc.lineAt(pos).from,
    above: false,
    create(view) {
      const close = () => {
        view.dispatch({ effects: toggleMenu.of(null) });
        view.focus();
      };
      const buttons = fixes.map(({ action, from, to }) =>
        h(
          'button',
          {
            class: 'quick-fix',
            onclick: () => {
              close();
              action.apply(view, from, to);
            },
          },
          action.name,
        ),
      );
      const dom = h('div', { class: 'quick-fix-menu', role: 'menu', 'aria-label': t(studioText.fix) }, ...buttons);
      dom.addEventListener('keydown', (event) => {
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        if (event.key === 'Escape') close();
        else if (event.key === 'ArrowDown' || event.key === 'ArrowUp')
          buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        else return;
        event.preventDefault();
      });
      return { dom, mount: () => buttons[0]?.focus() };
    },
  };
}

const menu = StateField.define<Tooltip | null>({
  create: () => null,
  update(open, transaction) {
    for (const effect of transaction.effects) if (effect.is(toggleMenu)) return effect.value === null ? null : menuAt(transaction.state, effect.value);
    // Typing on or moving away leaves the fixes behind.
    return open && (transaction.docChanged || transaction.selection) ? null : open;
  },
  provide: (field) => showTooltip.from(field),
});

class Bulb extends GutterMarker {
  override toDOM(): Node {
    return h('span', { class: 'cm-fix-bulb', title: t(studioText.fixHint) });
  }
}
const bulb = new Bulb();

const openAtCursor = (view: EditorView): boolean => {
  const head = view.state.selection.main.head;
  if (fixesOnLine(view.state, head).length === 0) return false;
  view.dispatch({ effects: toggleMenu.of(head) });
  return true;
};

/**
 * Quick fixes without hovering: a light bulb beside the cursor's line when a problem on it has a
 * fix, and Ctrl+. (or a click on the bulb) for the menu of fixes, as in VS Code. Alt+Enter does the
 * same where an input method takes Ctrl+. for itself (several Chinese ones switch punctuation with it).
 */
export function quickFixes(): Extension {
  return [
    menu,
    keymap.of([
      { key: 'Mod-.', run: openAtCursor },
      { key: 'Alt-Enter', run: openAtCursor },
    ]),
    gutter({
      class: 'cm-fix-gutter',
      lineMarker(view, line) {
        const head = view.state.selection.main.head;
        return head >= line.from && head <= line.to && fixesOnLine(view.state, head).length > 0 ? bulb : null;
      },
      lineMarkerChange: (update) =>
        update.selectionSet || update.docChanged || update.transactions.some((tr) => tr.effects.some((e) => e.is(setDiagnosticsEffect))),
      domEventHandlers: {
        mousedown(view, line) {
          if (fixesOnLine(view.state, line.from).length === 0) return false;
          view.dispatch({ effects: toggleMenu.of(line.from) });
          return true;
        },
      },
    }),
  ];
}
