import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from '../build.js';
import type { Diagnostic } from '../diagnostics.js';
import { findPack } from './find-pack.js';
import { initPortfolio } from './init-portfolio.js';
import type { TemplatePack } from './pack.js';
import { ScaffoldError } from './scaffold-error.js';

export interface PackCheckOptions {
  /** Where the preview portfolio goes; default `<pack>-preview` beside the pack folder (or in cwd). */
  outDir?: string;
  cwd?: string;
}

export interface PackCheckResult {
  pack: TemplatePack;
  /** The preview: a portfolio made from the pack, built, its PDFs under out/. */
  dir: string;
  /** PDFs typeset from the pack's own templates, relative to `dir`. */
  previews: { template: string; pdf: string; pages: number }[];
  /** What check and build find in the documents the pack makes (its prompts aside), paths relative to cwd. */
  diagnostics: Diagnostic[];
}

/** Marks a folder as a preview licheng made, the only kind of folder a later check replaces. */
const marker = '.licheng-preview';

/**
 * A teacher's pack tried before it is handed out: its manifest validated, a sample portfolio made
 * from it (its templates, defaults, team, sections) and built, so that the teacher reads the PDFs
 * the students will get and every problem a student would meet — a required section the template
 * lacks, a heading the pack does not know, a broken placeholder. Prompts left for the student are
 * the point of a template and are not reported.
 */
export async function checkPack(spec: string, options: PackCheckOptions = {}): Promise<PackCheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const pack = await findPack(spec, cwd);
  const named = resolve(cwd, spec);
  const beside = (await stat(named).catch(() => undefined)) ? dirname(named) : cwd;
  const dir = resolve(cwd, options.outDir ?? join(beside, `${pack.name}-preview`));
  await refuseForeign(dir);
  const staging = await mkdtemp(join(dirname(dir), `.${basename(dir)}.`));
  try {
    await initPortfolio(staging, { template: pack.dir, student: '範例學生', school: '範例高中' });
    await writeFile(join(staging, marker), `${pack.name}\n`);
    const built = await build([staging], { cwd: staging });
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    const shown = (path: string) => relative(cwd, join(dir, path)) || path;
    const documents = built.portfolios[0]?.documents ?? [];
    const previews = documents
      .filter((d) => d.pdf && d.kind && pack.templates.includes(d.kind))
      .map((d) => ({ template: `${d.kind}.md.hbs`, pdf: join('out', d.pdf!.path), pages: d.pdf!.pages }));
    const diagnostics = built.diagnostics.filter((d) => d.ruleId !== 'placeholder-left').map((d) => ({ ...d, file: shown(d.file) }));
    return { pack, dir, previews, diagnostics };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** An existing folder is replaced only when an earlier preview made it. */
async function refuseForeign(dir: string): Promise<void> {
  if (!(await stat(dir).catch(() => undefined))) return;
  if (!(await stat(join(dir, marker)).catch(() => undefined))) throw new ScaffoldError('preview-exists', { path: dir });
}
