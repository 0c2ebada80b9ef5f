import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { readYamlFile, type FrontMatter } from '../read/read-source.js';
import { canonicalData, zodDiagnostics } from './fields.js';
import { targetKeyTable, targetSchema, type Target } from './target.js';

/** A target file as read: its model (when valid), its YAML for positions, and what was wrong. */
export interface LoadedTarget {
  path: string;
  displayPath: string;
  /** File name without .yaml: the bundle folder's name. */
  name: string;
  target?: Target;
  yaml?: FrontMatter;
  diagnostics: Diagnostic[];
}

/** A target file; `root` confines it to the portfolio (a target named on the command line is the user's choice). */
export async function loadTarget(path: string, cwd: string, root?: string): Promise<LoadedTarget> {
  const displayPath = relative(cwd, path) || path;
  const name = path
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.ya?ml$/i, '');
  const { source, diagnostics } = await readYamlFile(path, displayPath, root);
  if (!source) return { path, displayPath, name, diagnostics };
  if (diagnostics.some((d) => d.severity === 'error')) return { path, displayPath, name, yaml: source, diagnostics };
  const { data, diagnostics: keyDiagnostics } = canonicalData(source, targetKeyTable, displayPath);
  for (const d of keyDiagnostics) diagnostics.push(d);
  const parsed = targetSchema.safeParse(data);
  if (!parsed.success) diagnostics.push(...zodDiagnostics(parsed.error, data, source, targetKeyTable, displayPath));
  return { path, displayPath, name, target: parsed.success ? parsed.data : undefined, yaml: source, diagnostics };
}

/** Every targets/*.yaml of a portfolio, in name order. */
export async function loadTargets(root: string, cwd: string): Promise<LoadedTarget[]> {
  const dir = join(root, 'targets');
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names.filter((n) => /\.ya?ml$/i.test(n)).sort();
  return Promise.all(files.map((n) => loadTarget(join(dir, n), cwd, root)));
}

/** The target a document names, as `targets/x.yaml`, `../targets/x.yaml` or just `x`. */
export const targetName = (written: string | undefined): string | undefined => written?.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
