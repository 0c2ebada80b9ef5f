import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  aliasIndex,
  categoryNames,
  courseKeys,
  courseSectionAliases,
  performanceKeys,
  portfolioKeys,
  statementSectionAliases,
  teamMemberKeys,
} from '../model/vocabulary.js';
import { packManifestNames, packSectionsSchema, unknownSections } from '../model/pack-sections.js';
import { ScaffoldError } from './scaffold-error.js';
import { templateKinds, templateFile, variableNames, type TeamMemberData, type TemplateKind, type VariableName } from './template-data.js';

/**
 * The sections a pack's extra questions go to. Keys are the slots the templates read
 * (`questions.process`); a manifest may name a slot or any heading alias of its section.
 */
const questionSlots = {
  description: courseSectionAliases.description,
  process: courseSectionAliases.process,
  reflection: courseSectionAliases.reflection,
  contribution: courseSectionAliases.contribution,
  learning: statementSectionAliases.reflection,
  motivation: statementSectionAliases.motivation,
  plan: statementSectionAliases.plan,
  summary: [categoryNames['D-1']],
} as const;
export type QuestionSlot = keyof typeof questionSlots;
const slotIndex = aliasIndex(questionSlots);

/** Defaults may use a variable's name or the Chinese key the documents write (科目名稱, 授課教師 …). */
const defaultIndex = new Map<string, VariableName>();
for (const table of [portfolioKeys, courseKeys, performanceKeys]) {
  for (const [alias, canonical] of aliasIndex<string>(table)) {
    if ((variableNames as readonly string[]).includes(canonical)) defaultIndex.set(alias, canonical as VariableName);
  }
}
for (const name of variableNames) defaultIndex.set(name, name);

const manifestSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$/u, '只能用文字、數字、-、_、.（不含空格），例如 physics-inquiry'),
    description: z.string().optional(),
    kinds: z.array(z.enum(templateKinds)).optional(),
    defaults: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    questions: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    team: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
    團隊: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
  })
  .extend(packSectionsSchema.shape)
  .strict();

/** A teacher's or a department's template pack, validated. */
export interface TemplatePack {
  dir: string;
  name: string;
  description?: string;
  /** The kinds this pack is for: its defaults and questions apply to these only. */
  kinds: TemplateKind[];
  /** The kinds it has a template for: these replace the built-in ones. */
  templates: TemplateKind[];
  defaults: Partial<Record<VariableName, string | number>>;
  questions: Partial<Record<QuestionSlot, string[]>>;
  /** A team preset for course templates (names, work, shares), as `團隊` is written. */
  team?: TeamMemberData[];
  /** The manifest file: a portfolio keeps a copy, so `check` knows the pack's sections. */
  manifest: string;
}

export async function loadPack(dir: string): Promise<TemplatePack> {
  const entries = await readdir(dir).catch(() => undefined);
  const manifestName = packManifestNames.find((n) => entries?.includes(n));
  if (!entries || !manifestName) throw new ScaffoldError('pack-missing', { dir });
  const file = join(dir, manifestName);
  const invalid = (zh: string, en: string) => new ScaffoldError('pack-invalid', { file, reasonZh: zh, reasonEn: en });

  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw invalid(reason, reason);
  }
  const parsed = manifestSchema.safeParse(data ?? {}, { error: z.locales.zhTW().localeError });
  if (!parsed.success) {
    const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`).join('；');
    throw invalid(issues(parsed.error), issues(manifestSchema.safeParse(data ?? {}).error!));
  }
  const manifest = parsed.data;

  const defaults: TemplatePack['defaults'] = {};
  for (const [key, value] of Object.entries(manifest.defaults ?? {})) {
    const name = defaultIndex.get(key);
    if (!name)
      throw invalid(
        `defaults 中不認得的變數「${key}」；可用：${variableNames.join('、')}`,
        `unknown variable ${key} in defaults; use one of ${variableNames.join(', ')}`,
      );
    defaults[name] = value;
  }

  const questions: TemplatePack['questions'] = {};
  for (const [key, value] of Object.entries(manifest.questions ?? {})) {
    const slot = slotIndex.get(key.trim());
    if (!slot) {
      const known = Object.values(questionSlots)
        .map((names) => names[0])
        .join('、');
      throw invalid(`questions 中不認得的段落「${key}」；可用：${known}`, `unknown section ${key} in questions; use one of ${known}`);
    }
    // A question containing "-->" would end the Markdown comment it is written into.
    questions[slot] = [...(questions[slot] ?? []), ...[value].flat().map((q) => q.replaceAll('-->', '—>'))];
  }

  const unknown = unknownSections(manifest);
  if (unknown.length) {
    const known = [...Object.values(courseSectionAliases), ...Object.values(statementSectionAliases)].map((names) => names[0]).join('、');
    throw invalid(
      `sections 中不認得的段落「${unknown.join('、')}」；可用：${known}`,
      `unknown sections ${unknown.join(', ')} in sections; use one of ${known}`,
    );
  }
  const team = teamPreset(manifest.team ?? manifest.團隊, invalid);

  // A pack may be for a kind without a template of its own (defaults and questions only),
  // but a template it does not say it is for is a mistake worth stopping on.
  const templates = templateKinds.filter((kind) => entries.includes(templateFile(kind)));
  const kinds = manifest.kinds ?? (templates.length ? templates : [...templateKinds]);
  const unlisted = templates.filter((kind) => !kinds.includes(kind));
  if (unlisted.length) {
    const files = unlisted.map(templateFile).join(', ');
    throw invalid(`範本 ${files} 沒有列在 kinds 中；請加入或刪除`, `templates ${files} are not listed in kinds; list or remove them`);
  }
  return { dir, name: manifest.name, description: manifest.description, kinds, templates, defaults, questions, team, manifest: file };
}

/** `team:` of a manifest, with the keys a document's 團隊 takes (姓名 / name …), shares as numbers. */
function teamPreset(members: Record<string, unknown>[] | undefined, invalid: (zh: string, en: string) => ScaffoldError): TeamMemberData[] | undefined {
  if (!members) return undefined;
  const keys = aliasIndex(teamMemberKeys);
  return members.map((raw, i) => {
    const member: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const name = keys.get(key.trim());
      if (!name)
        throw invalid(
          `team 第 ${i + 1} 位成員中不認得的欄位「${key}」；可用：姓名、工作內容、貢獻度、本人`,
          `unknown key ${key} in team member ${i + 1}; use name, work, share, self`,
        );
      member[name] = value;
    }
    if (typeof member.name !== 'string' || typeof member.share !== 'number')
      throw invalid(`team 第 ${i + 1} 位成員要有 姓名 和 貢獻度（數字）`, `team member ${i + 1} needs a name and a numeric share`);
    return { name: member.name, work: String(member.work ?? ''), share: member.share, ...(member.self === true && { self: true }) };
  });
}
