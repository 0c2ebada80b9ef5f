import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPackSections, portfolioPacks, withPackAliases } from '../model/pack-sections.js';
import { courseSectionAliases, statementSectionAliases, type DocumentKind } from '../model/vocabulary.js';
import { packsDir } from '../paths.js';
import { builtInTemplates } from './render-template.js';
import { templateFile } from './template-data.js';

/**
 * The heading a document's template gives each of its sections (a course's `description` is
 * 「課程說明」, a 多元表現's 「說明」): what a section a student left out is added as, so the
 * document reads like the others made from the same template. From the template of its pack
 * (範本) when that has one, else licheng's own.
 */
export async function templateHeadings(kind: DocumentKind, root: string, pack?: string): Promise<Map<string, string>> {
  const file = templateFile(kind);
  // Only a pack found by its (checked) name is looked into.
  const sections = pack ? await loadPackSections(root, pack) : undefined;
  const candidates = pack && sections ? [join(portfolioPacks(root), pack, file), join(packsDir, pack, file)] : [];
  let text: string | undefined;
  for (const path of [...candidates, join(builtInTemplates, file)]) if ((text = await readFile(path, 'utf8').catch(() => undefined)) !== undefined) break;
  const table = kind === 'statement' ? statementSectionAliases : courseSectionAliases;
  const aliases = withPackAliases<string>(table, sections);
  const headings = new Map<string, string>();
  for (const [, written] of (text ?? '').matchAll(/^## +(.+?)\s*$/gm)) {
    const id = Object.keys(aliases).find((id) => aliases[id]!.includes(written!));
    if (id && !headings.has(id)) headings.set(id, written!);
  }
  return headings;
}
