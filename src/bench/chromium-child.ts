import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderWithChromium } from './chromium.js';

/**
 * Child process of the benchmark: the Chromium pipeline as one command, so its wall time includes
 * process start and module loading, like `licheng build`. Prints its timings as JSON.
 * usage: node dist/bench/chromium-child.js PORTFOLIO OUT
 */
const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) throw new Error('usage: chromium-child.js PORTFOLIO OUT');
const files = (await readdir(join(root, 'courses')))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => join(root, 'courses', f));
process.stdout.write(JSON.stringify(await renderWithChromium(files, outDir)) + '\n');
