import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../build.js';
import { pack } from '../pack/pack.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { limits } from '../limits.js';
import type { Lang } from '../messages.js';
import { version } from '../version.js';
import { markerName } from './folders.js';
import { inputsHash } from './inputs-hash.js';
import { problem, type BatchProblem } from './messages.js';
import { LichengUsageError } from '../usage-error.js';

/** One student for a worker: build and pack `root` into `tmpDir`. */
export interface StudentTask {
  id: string;
  /** The portfolio folder, absolute. */
  root: string;
  /** Where this run writes; the main thread moves it to `finalDir` when complete. */
  tmpDir: string;
  finalDir: string;
  /** The batch's output folder: never an input, even when it lies inside the portfolio. */
  outDir: string;
  resume: boolean;
  lang: Lang;
  maxBytes?: number;
}

export interface StudentFigures {
  errors: number;
  warnings: number;
  /** Documents rendered to PDF by the build. */
  documents: number;
  /** Every output file of the student, build and bundles. */
  bytes: number;
  seconds: number;
}

export interface StudentOutcome {
  status: 'ok' | 'errors' | 'failed';
  /** `--resume` found the inputs unchanged: status, figures and diagnostics are the last run's, whose outputs stay. */
  reused?: boolean;
  figures: StudentFigures;
  diagnostics: Diagnostic[];
  problem?: BatchProblem;
  /** `tmpDir` holds the student's complete outputs. */
  complete: boolean;
}

interface Marker {
  generator: 'licheng';
  version: string;
  hash: string;
  figures: StudentFigures;
  diagnostics: Diagnostic[];
}

/** Builds every document and packs every target of one student. Never throws. */
export async function runStudent(task: StudentTask): Promise<StudentOutcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const empty: StudentFigures = { errors: 0, warnings: 0, documents: 0, bytes: 0, seconds: 0 };
  try {
    const maxBytes = task.maxBytes ?? limits.documentMaxBytes;
    const hash = await studentHash(task);
    if (task.resume) {
      const previous = await readMarker(join(task.finalDir, markerName));
      // Same inputs, same outputs: a run with errors would only make its errors again.
      if (previous?.hash === hash)
        return {
          status: previous.figures.errors ? 'errors' : 'ok',
          reused: true,
          figures: previous.figures,
          diagnostics: previous.diagnostics,
          complete: false,
        };
    }
    await rm(task.tmpDir, { recursive: true, force: true });
    const options = { outDir: task.tmpDir, cwd: task.root, maxBytes };
    const built = await build([task.root], { ...options, lang: task.lang });
    const packed = await pack([task.root], { ...options, built });
    const diagnostics = unique([...built.diagnostics, ...packed.diagnostics]);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const figures: StudentFigures = {
      errors,
      warnings: diagnostics.length - errors,
      documents: built.portfolios.reduce((n, p) => n + p.documents.filter((d) => d.pdf).length, 0),
      bytes: await folderBytes(task.tmpDir),
      seconds: seconds(),
    };
    // Every student folder carries it: it makes DIR/<id> licheng's to replace, and `--resume` reuses its run.
    const marker: Marker = { generator: 'licheng', version, hash, figures, diagnostics };
    await writeFile(join(task.tmpDir, markerName), JSON.stringify(marker, null, 2) + '\n');
    return { status: errors ? 'errors' : 'ok', figures, diagnostics, complete: true };
  } catch (error) {
    // An output folder build or pack cannot use: the student's errors, not a crash.
    if (error instanceof LichengUsageError)
      return {
        status: 'errors',
        figures: { ...empty, errors: error.diagnostics.length, seconds: seconds() },
        diagnostics: [...error.diagnostics],
        complete: false,
      };
    const reason = (error as Error).message?.split('\n')[0] ?? String(error);
    return { status: 'failed', figures: { ...empty, seconds: seconds() }, diagnostics: [], problem: problem('exception', { reason }), complete: false };
  }
}

/** What a student's outputs depend on: same hash, same outputs (the portfolio's files, the settings, licheng's version). */
export function studentHash(task: Pick<StudentTask, 'root' | 'outDir' | 'lang' | 'maxBytes'>): Promise<string> {
  return inputsHash(task.root, { licheng: version, lang: task.lang, maxBytes: task.maxBytes ?? limits.documentMaxBytes }, [task.outDir]);
}

/** pack re-checks the documents it bundles: the same finding is reported once. */
function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(
    diagnostics.filter((d) => {
      const key = JSON.stringify([d.file, d.line, d.column, d.severity, d.ruleId, d.args]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

async function readMarker(path: string): Promise<Marker | undefined> {
  try {
    const marker = JSON.parse(await readFile(path, 'utf8')) as Marker;
    return marker.generator === 'licheng' && typeof marker.hash === 'string' ? marker : undefined;
  } catch {
    return undefined;
  }
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
