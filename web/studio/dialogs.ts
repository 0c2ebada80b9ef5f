import { studioText } from '../../src/studio/messages.js';
import { templates } from './api.js';
import { h, t } from './dom.js';
import { alignLines } from './line-diff.js';

/**
 * Both versions side by side, line facing line, the lines that differ marked; resolves with the one
 * the student keeps.
 */
export function askConflict(mine: string, disk: string): Promise<'mine' | 'disk'> {
  return new Promise((choose) => {
    const rows = alignLines(mine, disk);
    const differing = rows.filter((row) => row.changed).length;
    // One grid for both columns: a line and the one facing it share a row and scroll together.
    const column = (side: 'mine' | 'disk') =>
      h(
        'div',
        { class: side },
        ...rows.map((row, index) => {
          const line = row[side];
          const kind = !row.changed ? 'line' : line === undefined ? 'line missing' : 'line changed';
          return h('span', { class: kind, style: `grid-row: ${index + 2}` }, line ?? '', '\n');
        }),
      );
    const versions = h(
      'div',
      { class: 'versions' },
      h('h3', { class: 'mine-title' }, t(studioText.yours)),
      h('h3', { class: 'disk-title' }, t(studioText.onDisk)),
      column('mine'),
      column('disk'),
    );
    const dialog = h(
      'dialog',
      { class: 'conflict' },
      h('h2', {}, t(studioText.conflictTitle)),
      h('p', { class: 'explain' }, t(studioText.conflictExplain).replace('{count}', String(differing))),
      versions,
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'primary keep-mine', onclick: () => close('mine') }, t(studioText.conflictMine)),
        h('button', { class: 'use-disk', onclick: () => close('disk') }, t(studioText.conflictDisk)),
      ),
    );
    const close = (choice: 'mine' | 'disk') => {
      dialog.close();
      dialog.remove();
      choose(choice);
    };
    // Escape would leave the save undecided: the student picks one.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
    versions.querySelector('.changed, .missing')?.scrollIntoView({ block: 'center' });
  });
}

/** Kind, name and template pack for a new document; undefined when cancelled. */
export async function askNewDocument(): Promise<{ kind: string; name: string; template: string } | undefined> {
  const { kinds, packs } = await templates();
  return new Promise((done) => {
    const kind = h(
      'select',
      { name: 'kind' },
      ...kinds.map((k) => h('option', { value: k }, k in studioText.groups ? t(studioText.groups[k as keyof typeof studioText.groups]) : k)),
    );
    const name = h('input', { name: 'name', required: true, placeholder: t(studioText.newName) });
    const template = h('select', { name: 'template' }, h('option', { value: '' }, '—'), ...packs.map((p) => h('option', { value: p }, p)));
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', {}, t(studioText.newDocument)),
      h('label', {}, t(studioText.newKind), kind),
      h('label', {}, t(studioText.newFileName), name),
      h('label', {}, t(studioText.newTemplate), template),
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'primary', value: 'create' }, t(studioText.create)),
        h('button', { value: 'cancel', formnovalidate: true }, t(studioText.cancel)),
      ),
    );
    const dialog = h('dialog', { class: 'new-document' }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      done(dialog.returnValue === 'create' ? { kind: kind.value, name: name.value.trim(), template: template.value } : undefined);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
