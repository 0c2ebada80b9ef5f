import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { typstCompiler, typstSource } from './typst.js';

/**
 * Child process of the benchmark: compiles course outcomes with Typst, one compiler for all, as a
 * fresh process does. usage: node dist/bench/typst-child.js OUT FILE...
 */
const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) throw new Error('usage: typst-child.js OUT FILE...');

export interface TypstTimings {
  startMs: number;
  documentsMs: number[];
}

const start = performance.now();
const compiler = typstCompiler();
const startMs = performance.now() - start;
const documentsMs: number[] = [];
for (const file of files) {
  const t = performance.now();
  const pdf = compiler.pdf({ mainFileContent: typstSource(await readFile(file, 'utf8')) });
  await writeFile(join(outDir, `${basename(file, '.md')}.pdf`), pdf);
  documentsMs.push(performance.now() - t);
}
process.stdout.write(JSON.stringify({ startMs, documentsMs } satisfies TypstTimings));
