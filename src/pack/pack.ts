import { basename, join, resolve } from 'node:path';
import type { BuildResult } from '../build.js';
import { shownPath, within } from '../output-folder.js';
import { LichengUsageError } from '../usage-error.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { discover, loadPortfolioDocuments, prepareOutputs, targetIndex, type PortfolioGroup } from '../discover.js';
import { themeFor } from '../layout/theme-for.js';
import { limits } from '../limits.js';
import { loadTarget, loadTargets, type LoadedTarget } from '../model/load-target.js';
import type { OnProgress } from '../progress.js';
import { BundleWriter, commitBundle, type BundleFile } from './bundle-writer.js';
import { renderBundle, type Built, type PackContext } from './render-bundle.js';

export type { BundleFile };

export interface PackOptions {
  /** Target files to pack; default every targets/*.yaml. */
  targets?: readonly string[];
  outDir?: string;
  cwd?: string;
  maxBytes?: number;
  /** A build of the same portfolio just made (same options): its PDFs and media are reused, not made again. */
  built?: BuildResult;
  /** Told of each target packed, each category file merged and a 影音檔's encoding as it goes. */
  onProgress?: OnProgress;
}

export interface BundleResult {
  target: string;
  dir: string;
  ok: boolean;
  files: BundleFile[];
  diagnostics: Diagnostic[];
}

export interface PackResult {
  bundles: BundleResult[];
  diagnostics: Diagnostic[];
}

/**
 * The upload bundle of each target of the portfolios the paths belong to (default: the current
 * folder's): one PDF per category code, the single items, 表A/表B, a checklist. Throws a
 * LichengUsageError when a path does not exist or an output folder cannot be used.
 */
export async function pack(paths: readonly string[], options: PackOptions = {}): Promise<PackResult> {
  const cwd = options.cwd ?? process.cwd();
  const found = await discover(paths, cwd, options.outDir);
  const unusable = await prepareOutputs(found.groups, cwd);
  if (unusable.length > 0) throw new LichengUsageError(unusable);
  const named = options.targets?.length ? await Promise.all(options.targets.map((t) => loadTarget(resolve(cwd, t), cwd))) : undefined;
  const diagnostics = [...found.diagnostics];
  const bundles: BundleResult[] = [];
  for (const group of found.groups) {
    // A target named with --target is packed with the portfolio it lies in (with the only one, wherever it lies).
    const targets = named?.filter((t) => found.groups.length === 1 || within(t.path, group.portfolio.root));
    const packed = await packPortfolio(group, targets, options, cwd);
    bundles.push(...packed.bundles);
    diagnostics.push(...packed.diagnostics);
  }
  return { bundles, diagnostics: sortDiagnostics(diagnostics) };
}

/** The bundles of one portfolio's targets (`named`, or all of targets/). */
async function packPortfolio(
  group: PortfolioGroup,
  named: readonly LoadedTarget[] | undefined,
  options: PackOptions,
  cwd: string,
): Promise<{ bundles: BundleResult[]; diagnostics: Diagnostic[] }> {
  const maxBytes = options.maxBytes ?? limits.documentMaxBytes;
  const diagnostics: Diagnostic[] = [];
  const { portfolio, outDir } = group;
  const allTargets = await loadTargets(portfolio.root, cwd);
  const targets = named ?? allTargets;
  const loaded = await loadPortfolioDocuments(portfolio.root, cwd, outDir);
  const index = targetIndex(loaded);
  const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
  diagnostics.push(...themeDiagnostics);
  const built = new Map<string, Built>();
  for (const p of options.built?.portfolios ?? []) {
    if (p.root !== portfolio.root) continue;
    for (const document of p.documents) built.set(resolve(p.root, document.source), { document, outDir: p.outDir });
  }
  const bundles: BundleResult[] = [];
  // Over every target of the portfolio, so a bundle's folder does not depend on which are packed.
  const folders = bundleFolders([...allTargets, ...targets.filter((t) => !allTargets.some((a) => a.path === t.path))]);
  for (const [i, target] of targets.entries()) {
    options.onProgress?.({ kind: 'target', done: i, total: targets.length, name: target.displayPath });
    const bundle = await packTarget(target, {
      built,
      portfolio,
      shared: [...portfolio.diagnostics, ...themeDiagnostics],
      loaded,
      index,
      allTargets,
      theme,
      outDir,
      maxBytes,
      cwd,
      folders,
      onProgress: options.onProgress,
    });
    bundles.push(bundle);
    diagnostics.push(...bundle.diagnostics);
  }
  return { bundles, diagnostics };
}

/**
 * Each target's bundle folder under DIR/targets/: the file name without .yaml, or the whole file
 * name when two targets share it (`x.yaml` and `x.yml`, letter case aside); a name that is empty or
 * starts with a dot (`...yaml` would be `..`, DIR itself) gets a leading `_`.
 */
function bundleFolders(targets: readonly LoadedTarget[]): Map<string, string> {
  const safe = (name: string) => (name === '' || name.startsWith('.') ? `_${name}` : name);
  const count = new Map<string, number>();
  for (const t of targets) count.set(t.name.toLowerCase(), (count.get(t.name.toLowerCase()) ?? 0) + 1);
  return new Map(targets.map((t) => [t.path, safe(count.get(t.name.toLowerCase())! > 1 ? basename(t.path) : t.name)]));
}

/** One target's bundle, made in its temporary folder and committed whole into DIR/targets/<name>. */
async function packTarget(loadedTarget: LoadedTarget, context: PackContext): Promise<BundleResult> {
  const final = join(context.outDir, 'targets', context.folders.get(loadedTarget.path)!);
  const files: BundleFile[] = [];
  const made = await commitBundle({ final, displayPath: loadedTarget.displayPath, shown: shownPath(context.cwd, final) }, async (work) => {
    const writer = new BundleWriter(work);
    const outcome = await renderBundle(loadedTarget, context, writer, final);
    files.push(...writer.files);
    return outcome;
  });
  if ('ok' in made) return { target: loadedTarget.displayPath, dir: final, ok: made.ok, files, diagnostics: made.diagnostics };
  return { target: loadedTarget.displayPath, dir: final, ok: false, files: [], diagnostics: [...loadedTarget.diagnostics, made] };
}
