import { warmRenderTimes, warmTimes, type Sample } from './warm.js';

/**
 * Child process of the benchmark: warm per-document times of one file, measured in a fresh
 * process so the parts of the bench that ran before (tuning, other documents) do not colour them.
 * usage: node --expose-gc dist/bench/warm-child.js FILE OUT
 */
const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) throw new Error('usage: warm-child.js FILE OUT');

export interface WarmReport {
  /** Renders once V8 has optimized the hot code: what a preview or a batch spends on most documents. */
  render: Sample;
  /** Renders 16 to 45, while it still is optimizing: an editor's first minute. */
  early: Sample;
  build: Sample;
}

// "Warm" means the JIT too. On the 3-page document, pdfmake, pdfkit and licheng reach their steady
// speed after about eighty renders (medians of ten renders, measured: 24, 13, 8.4, 8.5, 9.9, 7.1,
// 10.8, 7.0, 6.3, 6.1 ms, then level), so the warm figures are taken after a hundred.
const steadyAfter = 100;
const runs = 30;
const renders = await warmRenderTimes(file, 0, steadyAfter + runs);
const slice = (from: number, to: number): Sample => ({ wall: renders.wall.slice(from, to), cpu: renders.cpu.slice(from, to) });
const report: WarmReport = {
  render: slice(steadyAfter, steadyAfter + runs),
  early: slice(15, 15 + runs),
  build: await warmTimes(file, outDir, steadyAfter, runs),
};
process.stdout.write(JSON.stringify(report));
