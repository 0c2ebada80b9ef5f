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

/** RSS and heap after a full collection, so the comparison sees retained memory, not garbage. */
function settled() {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const files = (await readdir(join(root, 'courses'))).filter((f) => f.endsWith('.md')).sort().map((f) => join(root, 'courses', f));
const checkpoints: Record<number, { rss: number; heapUsed: number }> = {};
let pages = 0;
for (const [i, file] of files.entries()) {
  const result = await build([file], { outDir });
  const pdf = result.portfolios[0]?.documents[0]?.pdf;
  if (!pdf) throw new Error(`${file} did not build: ${result.diagnostics.map((d) => d.ruleId).join(', ')}`);
  pages += pdf.pages;
  if (i + 1 === 10 || i + 1 === files.length) checkpoints[i + 1] = settled();
}
// maxRSS is in KiB: the true high-water mark, including moments between samples.
process.stdout.write(JSON.stringify({ documents: files.length, pages, peakRss: process.resourceUsage().maxRSS * 1024, gc: Boolean(gc), checkpoints }) + '\n');
