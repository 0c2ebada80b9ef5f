import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { courseMarkdown, pagesOf, tuneLength, writePortfolio } from './fixtures.js';
import type { WarmReport } from './warm-child.js';
import { median, percentile, timedSpawn } from './stats.js';
import { benchMedia } from './media.js';
import { benchBatch } from './batch.js';
import { benchLsp } from './lsp.js';
import { benchStudio } from './studio.js';
import { benchQueue } from './queue.js';
import { formatTable, mb, ms, type Row } from './table.js';
import { chromiumPath, type ChromiumTimings } from './chromium.js';
import type { RssReport } from './rss-child.js';
import type { TypstTimings } from './typst-child.js';

type Checkpoint = RssReport['checkpoints'][number];

/**
 * `npm run bench`: the performance figures of issue #2, each with its target, as one table.
 * Every fixture is generated into a temporary portfolio and removed afterwards.
 */
const here = dirname(fileURLToPath(import.meta.url));
// The CLI as installed: the bundle that package.json's bin names.
const cli = join(here, '..', 'licheng', 'main.cjs');
const node = process.execPath;
const temporary: string[] = [];
process.on('exit', () => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const failures: string[] = [];
const progress = (text: string) => process.stderr.write(`… ${text}\n`);

/** Runs one part of the bench; a failure becomes a row instead of ending the run. */
async function part(name: string, run: () => Promise<Row[]>): Promise<Row[]> {
  progress(name);
  try {
    return await run();
  } catch (error) {
    failures.push(`${name}: ${(error as Error).message}`);
    return [{ figure: name, value: `failed (note ${failures.length})` }];
  }
}

/** Pages per document from a build's manifest. */
async function manifestPages(outDir: string): Promise<number[]> {
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as { documents: { pdf: { pages: number } | null }[] };
  return manifest.documents.map((d) => d.pdf?.pages ?? 0);
}

/** Pages per PDF in a folder, parsed back: the baseline's output is held to the same page counts. */
async function pdfPages(outDir: string): Promise<number[]> {
  const names = (await readdir(outDir)).filter((n) => n.endsWith('.pdf'));
  return Promise.all(names.map(async (n) => (await PDFDocument.load(await readFile(join(outDir, n)))).getPageCount()));
}

const pageSummary = (pages: number[]) => `${pages.length} docs, ${Math.min(...pages)}–${Math.max(...pages)} pages`;

// The 3-page document: the fullest text that still typesets on exactly 3 pages.
progress('tuning a 3-page course outcome');
const tuned = await tuneLength(0, 3);
temporary.push(tuned.root);
await writeFile(tuned.file, courseMarkdown(0, tuned.max));
const singleOut = join(tuned.root, 'out');
const singlePages = await pagesOf(tuned.file, singleOut);
if (singlePages !== 3) throw new Error(`tuned document has ${singlePages} pages, not 3`);
// Batches use the middle of the 3-page range so other seeds stay on 3 pages too.
const batchLength = Math.round((tuned.min + tuned.max) / 2);
const rows: Row[] = [];

rows.push(
  ...(await part('warm in-process render (child process)', async () => {
    const { stdout } = await timedSpawn(node, ['--expose-gc', join(here, 'warm-child.js'), tuned.file, singleOut]);
    const { render, early, build } = JSON.parse(stdout) as WarmReport;
    const wall = median(render.wall);
    return [
      { figure: 'warm render (layout + PDF), 3-page doc, renders 101-130: median', value: ms(wall), target: '<= 8 ms (#14)', ok: wall <= 8 },
      { figure: '  warm render CPU time (user+sys, all threads): median', value: ms(median(render.cpu)), target: '(load-insensitive)' },
      { figure: 'warm render: p95', value: ms(percentile(render.wall, 95)), target: '(spread)' },
      { figure: '  renders 16-45, V8 still optimizing: median', value: ms(median(early.wall)), target: "(an editor's first minute)" },
      { figure: 'warm build() (read, parse, check, render, write), median', value: ms(median(build.wall)), target: '(whole pipeline)' },
      { figure: '  build() CPU time (user+sys, all threads): median', value: ms(median(build.cpu)), target: '(load-insensitive)' },
    ];
  })),
);

/**
 * The CLI runs with a compile cache of its own (src/cli/compile-cache.ts): the first run starts
 * with it empty and fills it, as a fresh install does; the median is of the runs after it.
 */
async function cliRuns(args: string[], between?: () => Promise<void>): Promise<{ first: number; warm: number }> {
  const cache = await mkdtemp(join(tmpdir(), 'licheng-bench-cache-'));
  temporary.push(cache);
  const run = async () => (await timedSpawn(node, [cli, ...args], { LICHENG_CACHE_DIR: cache })).ms;
  const first = await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    times.push(await run());
    await between?.();
  }
  return { first, warm: median(times) };
}

/**
 * Typst's runs of the same documents, taken between licheng's (`cliRuns`' `between`), so that the
 * ratio compares runs that met the same machine; a failure is kept for the Typst part to report.
 */
const typst = { one: [] as number[], twenty: [] as (TypstTimings & { ms: number })[], failed: undefined as Error | undefined };
async function typstRun(out: string, files: readonly string[], into: (run: TypstTimings & { ms: number }) => void): Promise<void> {
  if (typst.failed) return;
  try {
    await mkdir(out, { recursive: true });
    const { ms: wall, stdout } = await timedSpawn(node, [join(here, 'typst-child.js'), out, ...files]);
    into({ ...(JSON.parse(stdout) as TypstTimings), ms: wall });
  } catch (error) {
    typst.failed = error as Error;
  }
}

// The 20 documents of the end-to-end comparisons below.
const batch = await writePortfolio(20, batchLength, 200);
temporary.push(batch.root);
const typstOut = join(batch.root, 'out-typst');

let coldMs: number | undefined;
rows.push(
  ...(await part('cold CLI, one document', async () => {
    const { first, warm } = await cliRuns(['build', tuned.file, '-o', join(tuned.root, 'out', 'cold')], () =>
      typstRun(typstOut, [tuned.file], (run) => typst.one.push(run.ms)),
    );
    coldMs = warm;
    return [
      { figure: 'cold `licheng build FILE`: median of 5', value: ms(warm), target: '(none)' },
      { figure: '  first run, empty compile cache', value: ms(first), target: '(once per install)' },
    ];
  })),
);

rows.push(
  ...(await part('RSS over 100 documents, then 200 more (child process)', async () => {
    const peakAt = 100;
    const { root } = await writePortfolio(3 * peakAt, batchLength, 100);
    temporary.push(root);
    const { stdout } = await timedSpawn(node, ['--expose-gc', join(here, 'rss-child.js'), root, join(root, 'out'), String(peakAt)]);
    const r = JSON.parse(stdout) as RssReport;
    const at = (document: number) => r.checkpoints.find((c) => c.document === document)!;
    const [tenth, hundredth, last] = [at(10), at(peakAt), at(r.documents)];
    const after = r.gc ? ' after gc' : ' (no gc)';
    const kb = (bytes: number) => `${(bytes / 1e3).toFixed(0)} kB/doc`;
    // What licheng keeps is the JS heap it uses plus its buffers, after a full collection: a
    // per-document leak climbs there. RSS also holds heap V8 has committed but not used, which it
    // sizes to the allocation rate and the live heap (so it creeps while the bounded caches of laid
    // out words and decoded glyphs fill): shown, judged by what is retained.
    const retained = (c: Checkpoint) => c.heapUsed + c.external;
    const series = (value: (c: Checkpoint) => number) => {
      const slope = (from: Checkpoint, to: Checkpoint) => (value(to) - value(from)) / (to.document - from.document);
      return {
        text: `${r.checkpoints.map((c) => (value(c) / 1e6).toFixed(1)).join(' -> ')} MB; 10-${peakAt}: ${kb(slope(tenth, hundredth))}, ${peakAt}-${r.documents}: ${kb(slope(hundredth, last))}`,
        late: slope(hundredth, last),
      };
    };
    const kept = series(retained);
    const docs = r.checkpoints.map((c) => c.document).join('/');
    return [
      { figure: `peak RSS, ${peakAt} docs (${r.pages} pages)`, value: mb(r.peakRss), target: '<= 250 MB', ok: r.peakRss <= 250e6 },
      {
        figure: `retained (JS heap used + buffers)${after}, doc ${docs}`,
        value: kept.text,
        target: `${peakAt}-${r.documents} < 100 kB/doc`,
        ok: kept.late < 100e3,
      },
      { figure: `  JS heap used${after}`, value: series((c) => c.heapUsed).text, target: '(split)' },
      { figure: `  external (buffers)${after}`, value: series((c) => c.external).text, target: '(split)' },
      { figure: `RSS${after}, doc ${docs}`, value: series((c) => c.rss).text, target: '(V8 heap sizing)' },
    ];
  })),
);

// End to end: the same 20 documents as one licheng command and as one Chromium pipeline command.
let lichengMs: number | undefined;
let lichengFirstMs: number | undefined;

rows.push(
  ...(await part('licheng CLI, 20 documents', async () => {
    const { first, warm } = await cliRuns(['build', batch.root, '-o', join(batch.root, 'out', 'licheng')], () =>
      typstRun(typstOut, batch.files, (run) => typst.twenty.push(run)),
    );
    lichengMs = warm;
    lichengFirstMs = first;
    return [
      { figure: `licheng CLI, ${pageSummary(await manifestPages(join(batch.root, 'out', 'licheng')))}: median of 5`, value: ms(warm), target: '(see ratio)' },
      { figure: '  first run, empty compile cache', value: ms(first), target: '(once per install)' },
    ];
  })),
);

rows.push(
  ...(await part('Chromium, 20 documents', async () => {
    if (!existsSync(chromiumPath)) return [{ figure: 'Chromium, 20 docs', value: `skipped (no ${chromiumPath})` }];
    const runs: (ChromiumTimings & { ms: number })[] = [];
    for (let i = 0; i < 3; i++) {
      const { ms: wall, stdout } = await timedSpawn(node, [join(here, 'chromium-child.js'), batch.root, join(batch.root, 'out-chromium')]);
      runs.push({ ...(JSON.parse(stdout) as ChromiumTimings), ms: wall });
    }
    const chromium = median(runs.map((r) => r.ms));
    const out: Row[] = [
      { figure: `Chromium, ${pageSummary(await pdfPages(join(batch.root, 'out-chromium')))}: median of 3`, value: ms(chromium), target: '(see ratio)' },
      { figure: '  of which: browser launch, median', value: ms(median(runs.map((r) => r.launchMs))), target: '(split)' },
      { figure: '  of which: per document, median', value: ms(median(runs.flatMap((r) => r.documentsMs))), target: '(split)' },
    ];
    if (lichengMs === undefined) return out;
    const ratio = lichengMs / chromium;
    const firstRatio = (lichengFirstMs ?? NaN) / chromium;
    return [
      ...out,
      { figure: 'licheng / Chromium time', value: `${ratio.toFixed(3)} (1/${(1 / ratio).toFixed(1)})`, target: '<= 0.200 (1/5)', ok: ratio <= 0.2 },
      {
        figure: '  the same for its first run (empty compile cache)',
        value: `${firstRatio.toFixed(3)} (1/${(1 / firstRatio).toFixed(1)})`,
        target: '(once per install)',
      },
    ];
  })),
);

rows.push(...(await part('language server', () => benchLsp(cli, tuned, batchLength))));
rows.push(
  ...(await part("Typst, 20 documents and one (run between licheng's runs)", async () => {
    if (typst.failed) throw typst.failed;
    const { one, twenty: runs } = typst;
    const typstMs = median(runs.map((r) => r.ms));
    const rows: Row[] = [
      { figure: `Typst (typst.ts), ${pageSummary(await pdfPages(typstOut))}: median of 5`, value: ms(typstMs), target: '(see ratio)' },
      { figure: '  of which: compiler and fonts, median', value: ms(median(runs.map((r) => r.startMs))), target: '(split)' },
      { figure: '  of which: per document after the first, median', value: ms(median(runs.flatMap((r) => r.documentsMs.slice(1)))), target: '(split)' },
      { figure: 'Typst, one document in a fresh process: median of 5', value: ms(median(one)), target: '(see cold CLI)' },
    ];
    if (lichengMs !== undefined) {
      const ratio = lichengMs / typstMs;
      rows.push({ figure: 'licheng / Typst time, 20 documents', value: ratio.toFixed(2), target: '<= 1.50 (#14)', ok: ratio <= 1.5 });
    }
    if (coldMs !== undefined)
      rows.push({ figure: 'licheng / Typst time, one document, fresh process', value: (coldMs / median(one)).toFixed(2), target: '(#14: beat it)' });
    return rows;
  })),
);

rows.push(...(await part('media', async () => Object.entries(await benchMedia()).map(([figure, value]) => recordRow(figure, value)))));
rows.push(...(await part('batch', async () => Object.entries(await benchBatch()).map(([figure, value]) => recordRow(figure, value)))));
rows.push(...(await part('studio', () => benchStudio(cli, tuned.root, tuned.file))));
rows.push(
  ...(await part('queue (redis-server, 2 worker processes)', async () =>
    Object.entries(await benchQueue(cli)).map(([figure, value]) => recordRow(figure, value)),
  )),
);

/** A record entry (media, batch) as a row: a Row-like object is kept, a number or string is its value. */
function recordRow(figure: string, value: unknown): Row {
  if (value && typeof value === 'object' && 'value' in value) {
    const v = value as { value: unknown; target?: unknown; ok?: unknown };
    return { figure, value: String(v.value), target: v.target === undefined ? undefined : String(v.target), ok: typeof v.ok === 'boolean' ? v.ok : undefined };
  }
  if (typeof value === 'number') return { figure, value: Number.isInteger(value) ? String(value) : value.toFixed(2) };
  return { figure, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

const cpu = cpus();
const gcState = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed';
// Timings are only as quiet as the machine: the load average says how busy it was.
console.log(
  `licheng bench — node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load (1/5/15 min) ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, gc ${gcState}`,
);
console.log(`fixture: text-only course outcome, ${singlePages} pages, ${courseMarkdown(0, tuned.max).length} chars (the fullest 3-page length);`);
console.log(`batches: same structure at the middle of the 3-page length range (${batchLength} of ${tuned.min}–${tuned.max} sentences)\n`);
console.log(formatTable(rows));
for (const [i, failure] of failures.entries()) console.log(`\nnote ${i + 1}: ${failure}`);
