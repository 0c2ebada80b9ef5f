import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { packsDir } from '../paths.js';
import { aliasIndex, courseSectionAliases, statementSectionAliases } from './vocabulary.js';

/**
 * What a template pack says about the sections of the documents made from it: more heading names
 * for a section (`說明: [實習目的]`) and which sections are required. The pack's manifest is the one
 * place this is written; `licheng new`/`init` keep a copy in the portfolio (.licheng/packs/NAME/).
 */
export const packSectionsSchema = z.object({
  sections: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  required: z.array(z.string()).optional(),
});

export interface PackSections {
  /** Section id → the pack's extra heading names. */
  aliases: Record<string, string[]>;
  /** Sections a document of the pack must have — ids of known sections, else headings as written; undefined: its kind's usual ones. */
  required?: string[];
}

/** Sections by any of their names (說明, 作品說明, description …), for manifests. */
export const sectionIndex = new Map<string, string>([...aliasIndex(statementSectionAliases), ...aliasIndex(courseSectionAliases)]);

/** The names under `sections` that are no known section (for the pack's own check). */
export function unknownSections(data: z.infer<typeof packSectionsSchema>): string[] {
  return Object.keys(data.sections ?? {}).filter((name) => !sectionIndex.has(name.trim()));
}

export function packSections(data: z.infer<typeof packSectionsSchema>): PackSections {
  const aliases: Record<string, string[]> = {};
  for (const [name, more] of Object.entries(data.sections ?? {})) {
    const id = sectionIndex.get(name.trim());
    if (id) aliases[id] = [...(aliases[id] ?? []), ...[more].flat()];
  }
  const required = data.required?.map((name) => sectionIndex.get(name.trim()) ?? name.trim());
  return { aliases, required };
}

export const packManifestNames = ['licheng-pack.yaml', 'licheng-pack.yml', 'licheng-pack.json'];
/** Where a portfolio keeps the manifests of the packs its documents were made from. */
export const portfolioPacks = (root: string) => join(root, '.licheng', 'packs');

/**
 * The sections of the pack a document names (`範本: physics-inquiry`): the portfolio's copy first,
 * then licheng's built-in packs. Undefined when neither has it.
 */
export async function loadPackSections(root: string, name: string): Promise<PackSections | undefined> {
  if (!/^[\p{L}\p{N}._-]+$/u.test(name) || name.startsWith('.')) return undefined;
  for (const dir of [join(portfolioPacks(root), name), join(packsDir, name)]) {
    for (const file of packManifestNames) {
      const text = await readFile(join(dir, file), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        const parsed = packSectionsSchema.safeParse(parse(text) ?? {});
        return parsed.success ? packSections(parsed.data) : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A section table with a pack's extra names added. */
export function withPackAliases<Id extends string>(table: Record<Id, readonly string[]>, pack: PackSections | undefined): Record<Id, readonly string[]> {
  if (!pack) return table;
  const merged = { ...table };
  for (const id of Object.keys(merged) as Id[]) merged[id] = [...merged[id], ...(pack.aliases[id] ?? [])];
  return merged;
}
