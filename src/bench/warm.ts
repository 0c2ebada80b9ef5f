import { performance } from 'node:perf_hooks';
import { dirname } from 'node:path';
import { build } from '../build.js';
import { renderDocument } from '../emit/render-document.js';
import { themeFor } from '../layout/theme-for.js';
import { limits } from '../limits.js';
import { loadDocument, loadPortfolio } from '../model/load.js';

/** Wall and CPU (user + system, all threads) milliseconds of each run. */
export interface Sample {
  wall: number[];
  cpu: number[];
}

/**
 * Times `run` `runs` times after `warmup` untimed calls, in one process (fonts and caches warm).
 * CPU time is kept beside wall time: on a busy machine it is the steadier of the two.
 */
async function sample(run: () => Promise<unknown>, warmup: number, runs: number): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await run();
  (globalThis as { gc?: () => void }).gc?.();
  const result: Sample = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    result.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    result.cpu.push((used.user + used.system) / 1000);
  }
  return result;
}

/** Warm per-document times of the library build of one file: read, parse, check, typeset, write PDF and manifest. */
export async function warmTimes(file: string, outDir: string, warmup = 3, runs = 30): Promise<Sample> {
  return sample(() => build([file], { outDir }), warmup, runs);
}

/**
 * Warm per-document times of typesetting alone (layout and PDF bytes, images none): the document
 * is read, parsed and checked once, then rendered `runs` times, as a long-lived process does.
 */
export async function warmRenderTimes(file: string, warmup = 3, runs = 30): Promise<Sample> {
  const root = dirname(dirname(file));
  const portfolio = await loadPortfolio(root, root);
  const { source, document } = await loadDocument(file, portfolio.root, root);
  if (!source || !document) throw new Error(`cannot load ${file}`);
  const { theme } = themeFor(portfolio);
  const input = { source, document, portfolio: portfolio.portfolio, root: portfolio.root, theme, maxBytes: limits.documentMaxBytes };
  return sample(() => renderDocument(input), warmup, runs);
}
