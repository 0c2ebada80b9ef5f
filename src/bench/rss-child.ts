import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { build } from '../build.js';

/**
 * Child process of the benchmark: builds every course of a portfolio one document at a time, in one
 * process, and prints memory figures as JSON. Run alone so nothing else in the bench inflates its RSS.
 * usage: node --expose-gc dist/bench/rss-child.js PORTFOLIO OUT
 */
const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) throw new Error('usage: rss-child.js PORTFOLIO OUT');
const gc = (globalThis as { gc?: () => void }).gc;

export interface RssReport {
  documents: number;
  pages: number;
  /** Bytes: the process's high-water mark. */
  peakRss: number;
  gc: boolean;
  /** Retained memory after documents 10, the middle one and the last. */
  checkpoints: { document: number; rss: number; heapUsed: number; external: number }[];
}

/** Memory after a full collection, so the comparison sees retained memory, not garbage. */
function settled(document: number) {
  gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { document, rss, heapUsed, external };
}

const files = (await readdir(join(root, 'courses'))).filter((f) => f.endsWith('.md')).sort().map((f) => join(root, 'courses', f));
const checkpoints: RssReport['checkpoints'] = [];
const at = new Set([10, Math.round((10 + files.length) / 2), files.length]);
let pages = 0;
for (const [i, file] of files.entries()) {
  const result = await build([file], { outDir });
  const pdf = result.portfolios[0]?.documents[0]?.pdf;
  if (!pdf) throw new Error(`${file} did not build: ${result.diagnostics.map((d) => d.ruleId).join(', ')}`);
  pages += pdf.pages;
  if (at.has(i + 1)) checkpoints.push(settled(i + 1));
}
// maxRSS is in KiB: the true high-water mark, including moments between samples.
const report: RssReport = { documents: files.length, pages, peakRss: process.resourceUsage().maxRSS * 1024, gc: Boolean(gc), checkpoints };
process.stdout.write(JSON.stringify(report) + '\n');
