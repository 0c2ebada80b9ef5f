import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { build } from '../build.js';

/**
 * Child process of the benchmark: builds every course of a portfolio one document at a time, in one
 * process, and prints memory figures as JSON. Run alone so nothing else in the bench inflates its RSS.
 * The peak is taken over the first PEAK_AT documents; the run goes on to show whether memory keeps
 * climbing per document or levels off.
 * usage: node --expose-gc dist/bench/rss-child.js PORTFOLIO OUT PEAK_AT
 */
const [root, outDir, peakAtText] = process.argv.slice(2);
if (!root || !outDir || !peakAtText) throw new Error('usage: rss-child.js PORTFOLIO OUT PEAK_AT');
const peakAt = Number(peakAtText);
const gc = (globalThis as { gc?: () => void }).gc;

export interface RssReport {
  documents: number;
  /** Documents the peak is taken over, and their pages. */
  peakAt: number;
  pages: number;
  /** Bytes: the process's high-water mark over the first `peakAt` documents. */
  peakRss: number;
  gc: boolean;
  /** Retained memory after document 10, `peakAt`, and every `peakAt` after it. */
  checkpoints: { document: number; rss: number; heapUsed: number; external: number }[];
}

/**
 * Memory after a full collection, so the comparison sees retained memory, not garbage. Buffers'
 * memory is freed by V8's array-buffer sweeper after the collection, on another thread: read at
 * once, `external` swung by ±20 MB between checkpoints. A pause and a second collection let it finish.
 */
async function settled(document: number) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { document, rss, heapUsed, external };
}

const files = (await readdir(join(root, 'courses')))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => join(root, 'courses', f));
const checkpoints: RssReport['checkpoints'] = [];
let pages = 0;
let peakRss = 0;
for (const [i, file] of files.entries()) {
  const result = await build([file], { outDir });
  const pdf = result.portfolios[0]?.documents[0]?.pdf;
  if (!pdf) throw new Error(`${file} did not build: ${result.diagnostics.map((d) => d.ruleId).join(', ')}`);
  const n = i + 1;
  if (n <= peakAt) pages += pdf.pages;
  // maxRSS is in KiB: the true high-water mark, including moments between samples.
  if (n === peakAt) peakRss = process.resourceUsage().maxRSS * 1024;
  if (n === 10 || n % peakAt === 0) checkpoints.push(await settled(n));
}
const report: RssReport = { documents: files.length, peakAt, pages, peakRss, gc: Boolean(gc), checkpoints };
process.stdout.write(JSON.stringify(report) + '\n');
