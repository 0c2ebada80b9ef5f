import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { portfolioPacks } from '../model/pack-sections.js';
import type { TemplatePack } from './pack.js';
import type { TemplateKind } from './template-data.js';
import { writeNew } from './write-new.js';

const documentKinds: readonly TemplateKind[] = ['course', 'performance', 'summary', 'statement'];

/**
 * A document made from a pack names it (`範本: physics-inquiry`), so that `check` reads it with the
 * pack's section names and required sections; a document of a kind the pack is not for is left alone.
 */
export function recordPack(text: string, kind: TemplateKind, pack: TemplatePack | undefined): string {
  if (!pack?.kinds.includes(kind) || !documentKinds.includes(kind)) return text;
  const line = `範本: ${stringify(pack.name).trimEnd()}\n`;
  if (!text.startsWith('---\n')) return `---\n${line}---\n\n${text}`;
  const close = text.indexOf('\n---', 3);
  return close < 0 ? text : `${text.slice(0, close + 1)}${line}${text.slice(close + 1)}`;
}

/** The pack's manifest, kept in the portfolio (.licheng/packs/NAME/) for `check`; an existing copy stays. */
export async function keepManifest(root: string, pack: TemplatePack | undefined): Promise<void> {
  if (!pack) return;
  await writeNew(join(portfolioPacks(root), pack.name, basename(pack.manifest)), await readFile(pack.manifest, 'utf8'));
}
