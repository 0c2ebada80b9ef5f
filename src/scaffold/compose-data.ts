import { dirname, join, relative, sep } from 'node:path';
import type { Portfolio } from '../model/portfolio.js';
import { documentKinds, kindLabel, type DocumentKind } from '../model/vocabulary.js';
import type { TemplatePack } from './pack.js';
import { builtInDefaults, studentVariables, templateLimits, type TemplateData, type TemplateKind, type VariableName } from './template-data.js';

export interface DataLayers {
  now: Date;
  /** What one scaffolded example is about (a team 專題, a target's items …), given the data so far. */
  example?: (data: TemplateData) => Partial<TemplateData>;
  pack?: TemplatePack;
  /** The portfolio.yaml a new document joins. */
  portfolio?: Portfolio;
  /** --student, --school. */
  options?: Partial<Record<VariableName, string>>;
  /** Where the file goes: its kind folder, media/ and the schemas relative to it. */
  placement: Pick<TemplateData, 'kindLabel' | 'mediaDir' | 'schema'>;
}

const defined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

/** Template variables, later layers winning: built-in < example < pack defaults < portfolio.yaml < flags. */
export function composeData(kind: TemplateKind, layers: DataLayers): TemplateData {
  const { pack, portfolio } = layers;
  // A pack's defaults and questions are for the kinds it names (a course's 類別 B-2 is no 多元表現's),
  // except who and where the student is, which every file shares.
  const forKind = pack?.kinds.includes(kind) ?? false;
  const packDefaults = Object.entries(pack?.defaults ?? {}).filter(([name]) => forKind || (studentVariables as readonly string[]).includes(name));
  let data: TemplateData = { ...builtInDefaults(kind, layers.now), ...layers.placement, questions: (forKind && pack?.questions) || {}, limits: templateLimits };
  const known = defined({ student: portfolio?.student, school: portfolio?.school, department: portfolio?.department, class: portfolio?.class });
  const settled = { ...defined(Object.fromEntries(packDefaults)), ...known, ...defined(layers.options ?? {}) };
  data = { ...data, ...settled };
  if (layers.example) data = { ...data, ...layers.example(data), ...settled };
  if (pack) data.pack = { name: pack.name, description: pack.description };
  // A preset team's own row (本人: true) is the student's.
  if (forKind && kind === 'course' && pack?.team) data.team = pack.team.map((m) => (m.self && data.student ? { ...m, name: String(data.student) } : m));
  return data;
}

const slash = (path: string) => path.split(sep).join('/') || '.';

/** Relative paths a template needs for a file at `file` in the portfolio at `root`. */
export function placementOf(kind: TemplateKind, file: string, root: string): DataLayers['placement'] {
  const from = relative(root, file).split(sep);
  const up = (to: string) => slash(relative(dirname(file), join(root, to)));
  const placement: DataLayers['placement'] = { mediaDir: up('media') };
  if (kind === 'target' || kind === 'portfolio') placement.schema = up(`.licheng/schemas/${kind}.schema.json`);
  if (kind in documentKinds) {
    const document = kind as DocumentKind;
    const folder = documentKinds[document].folder;
    const inPlace = folder ? from.slice(0, -1).includes(folder) : from.length === 1 && from[0] === 'summary.md';
    if (!inPlace) placement.kindLabel = kindLabel[document];
  }
  return placement;
}
