import { spawnSync, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * "Within seconds, not minutes" is measured in processor time, not on the wall clock: on a loaded
 * machine (CI runs the suite on 2 cores, Chromium, ffmpeg and worker threads beside each test) the
 * wall clock of the same work stretches several times over, the processor time it needs hardly.
 */

/** The processor seconds this process spends on `work` (its worker threads included), and its value. */
export async function cpuSeconds<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(before);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

const report = join(import.meta.dirname, 'exit-report.cjs');

/**
 * The CLI run to its end (spawnSync), with what its process used by then, its threads included:
 * processor seconds and peak resident memory. NaN when it did not exit by itself (killed, e.g. by
 * `options.timeout`).
 */
export function measuredCli(
  cli: string,
  args: readonly string[],
  options: SpawnSyncOptionsWithStringEncoding,
): SpawnSyncReturns<string> & { cpuSeconds: number; megabytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'licheng-measured-'));
  const file = join(dir, 'report.json');
  try {
    const result = spawnSync(process.execPath, ['--require', report, cli, ...args], {
      ...options,
      env: { ...(options.env ?? process.env), LICHENG_TEST_EXIT_REPORT: file },
    });
    const used = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { cpuSeconds: number; megabytes: number }) : undefined;
    return { ...result, cpuSeconds: used?.cpuSeconds ?? Number.NaN, megabytes: used?.megabytes ?? Number.NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
