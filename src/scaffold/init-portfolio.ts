import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadPortfolio } from '../model/load.js';
import { prepareOutputFolder } from '../output-folder.js';
import type { Portfolio } from '../model/portfolio.js';
import { jsonSchemaFiles } from '../schema/json-schemas.js';
import { composeData, placementOf, type DataLayers } from './compose-data.js';
import type { TemplatePack } from './pack.js';
import { findPack } from './find-pack.js';
import { recordPack, keepManifest } from './pack-record.js';
import { ScaffoldError } from './scaffold-error.js';
import { builtInTemplates, renderTemplate } from './render-template.js';
import type { TemplateData, TemplateKind } from './template-data.js';
import { writeNew } from './write-new.js';

export interface InitOptions {
  /** A template pack folder whose templates and defaults replace the built-in ones. */
  template?: string;
  student?: string;
  school?: string;
  /** The day that sets 學年度/學期 and 日期 (default: today). */
  now?: Date;
}

export interface InitResult {
  /** Paths relative to the portfolio folder, `/`-separated. */
  written: string[];
  /** Files that already existed and were left as they were. */
  skipped: string[];
}

interface Planned {
  path: string;
  kind?: TemplateKind;
  example?: DataLayers['example'];
  /** A file copied as it is from the built-in templates folder. */
  copy?: string;
  text?: string;
}

/** One example of every kind, wired together: the target chooses the examples, the 自述 names the target. */
const plan: Planned[] = [
  { path: 'portfolio.yaml', kind: 'portfolio' },
  {
    path: 'courses/example-team-project.md',
    kind: 'course',
    example: (d) => ({
      title: '（範例）專題實作成果',
      category: 'B-1',
      course: '專題實作',
      credits: 3,
      team: [
        { name: String(d.student), work: '（請填寫你負責的工作）', share: 40, self: true },
        { name: '組員甲', work: '（請填寫組員甲負責的工作）', share: 30 },
        { name: '組員乙', work: '（請填寫組員乙負責的工作）', share: 30 },
      ],
    }),
  },
  { path: 'courses/example-course.md', kind: 'course', example: () => ({ title: '（範例）課程學習成果', category: 'B-2' }) },
  { path: 'performances/example-club.md', kind: 'performance', example: () => ({ title: '（範例）社團活動經驗', category: 'C-2' }) },
  { path: 'summary.md', kind: 'summary' },
  { path: 'statements/example.md', kind: 'statement', example: () => ({ target: '../targets/example.yaml' }) },
  {
    path: 'targets/example.yaml',
    kind: 'target',
    example: () => ({
      items: [
        { code: 'B-1', paths: ['../courses/example-team-project.md'] },
        { code: 'B-2', paths: ['../courses/example-course.md'] },
        { code: 'C', paths: ['../performances/example-club.md'] },
        { code: 'D-1', single: '../summary.md' },
        { code: 'D-2', single: '../statements/example.md' },
      ],
    }),
  },
  { path: 'media/README.md', copy: 'media-README.md' },
  { path: '.vscode/tasks.json', copy: 'vscode-tasks.json' },
  { path: '.gitignore', text: 'out/\n' },
  ...Object.entries(jsonSchemaFiles()).map(([name, text]) => ({ path: `.licheng/schemas/${name}`, text })),
];

/** Scaffolds a portfolio in `dir`; files already there are skipped, never overwritten. */
export async function initPortfolio(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  const pack: TemplatePack | undefined = options.template ? await findPack(options.template) : undefined;
  const existing = await loadPortfolio(root, root);
  const portfolio: Portfolio | undefined = existing.root === root ? existing.portfolio : undefined;
  const flags = { student: options.student, school: options.school };
  // Everything is rendered before anything is written: a broken pack template leaves no half portfolio.
  const files: { item: Planned; path: string; text: string }[] = [];
  for (const item of plan) {
    const path = join(root, ...item.path.split('/'));
    let text = item.text ?? '';
    if (item.copy) text = await readFile(join(builtInTemplates, item.copy), 'utf8');
    if (item.kind) {
      const data: TemplateData = composeData(item.kind, {
        now: options.now ?? new Date(),
        example: item.example,
        pack,
        portfolio,
        options: flags,
        placement: placementOf(item.kind, path, root),
      });
      text = recordPack(await renderTemplate(item.kind, data, pack), item.kind, pack);
    }
    files.push({ item, path, text });
  }
  const unusable = await prepareOutputFolder(root, dir);
  if (unusable) throw new ScaffoldError(unusable.id === 'out-not-folder' ? 'dir-not-folder' : 'dir-unwritable', unusable.args);
  const result: InitResult = { written: [], skipped: [] };
  for (const { item, path, text } of files) ((await writeNew(path, text)) ? result.written : result.skipped).push(item.path);
  await keepManifest(root, pack);
  return result;
}
