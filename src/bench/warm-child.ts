import { warmRenderTimes, warmTimes, type Sample } from './warm.js';

/**
 * Child process of the benchmark: warm per-document times of one file, measured in a fresh
 * process so the parts of the bench that ran before (tuning, other documents) do not colour them.
 * usage: node --expose-gc dist/bench/warm-child.js FILE OUT
 */
const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) throw new Error('usage: warm-child.js FILE OUT');

export interface WarmReport {
  render: Sample;
  build: Sample;
}

// "Warm" means the JIT too: pdfmake and pdfkit take about fifteen documents to reach steady speed.
const report: WarmReport = { render: await warmRenderTimes(file, 15), build: await warmTimes(file, outDir, 15) };
process.stdout.write(JSON.stringify(report));
