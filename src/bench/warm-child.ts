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

const report: WarmReport = { render: await warmRenderTimes(file), build: await warmTimes(file, outDir) };
process.stdout.write(JSON.stringify(report));
