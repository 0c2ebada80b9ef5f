import { join, relative, sep } from 'node:path';
import { diagnosticJson, type Diagnostic } from '../diagnostics.js';
import { writeAtomic } from '../infra/write-atomic.js';
import type { Lang } from '../messages.js';
import { version } from '../version.js';
import { csvField } from './csv.js';
import { reportColumns, reportWords, type BatchProblem, type StudentStatus } from './messages.js';
import type { StudentFigures } from './student.js';

/**
 * report.json's status codes: `ok` (built, no error), `errors` (built; its documents have errors),
 * `failed` (not built: a roster row, folder or run that failed), `timeout` (stopped at --timeout),
 * `interrupted` (Ctrl-C came first; the next `--resume` builds them). `reused` says `--resume` kept
 * the last run (status, figures and outputs), its inputs being unchanged.
 */
export type { StudentStatus };
export const statuses: readonly StudentStatus[] = ['ok', 'errors', 'failed', 'timeout', 'interrupted'];
export const isFailure = (status: StudentStatus): boolean => status === 'errors' || status === 'failed' || status === 'timeout';

/** One roster row's line in the report. */
export interface StudentReport extends StudentFigures {
  /** Roster line the row starts on. */
  line: number;
  id: string;
  name: string;
  /** The portfolio folder as the roster names it. */
  path: string;
  status: StudentStatus;
  reused: boolean;
  /** The roster's other columns, by heading. */
  roster: Record<string, string>;
  /** The first error, said in the batch's language; empty when there is none. */
  firstError: string;
  problem?: BatchProblem;
  /** Positions are relative to the student's portfolio folder. */
  diagnostics: Diagnostic[];
}

export interface ReportContext {
  roster: string;
  encoding: string;
  outDir: string;
  jobs: number;
  seconds: number;
  lang: Lang;
  /** The roster's other columns, in roster order: report.csv's last columns. */
  extraColumns: readonly string[];
}

/**
 * DIR/report.csv (UTF-8 with BOM and CRLF, so Excel on Windows shows the Chinese names) and
 * DIR/report.json (the same rows, each with its diagnostics), both written atomically.
 */
export async function writeReport(students: readonly StudentReport[], context: ReportContext): Promise<{ csv: string; json: string }> {
  const csv = join(context.outDir, 'report.csv');
  const json = join(context.outDir, 'report.json');
  const words = reportWords[context.lang];
  const rows = students.map((s) => {
    const cells = { ...s, status: words.statuses[s.status], reused: s.reused ? words.yes : '', seconds: s.seconds.toFixed(1) };
    return [...reportColumns.map((c) => cells[c]), ...context.extraColumns.map((c) => s.roster[c] ?? '')];
  });
  const headings = [...reportColumns.map((c) => words.headings[c]), ...context.extraColumns];
  const text = [headings, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  await writeAtomic(csv, Buffer.from('\uFEFF' + text, 'utf8'));
  await writeAtomic(json, Buffer.from(JSON.stringify(reportJson(students, context), null, 2) + '\n', 'utf8'));
  return { csv, json };
}

function reportJson(students: readonly StudentReport[], context: ReportContext) {
  const count = Object.fromEntries(statuses.map((status) => [status, students.filter((s) => s.status === status).length]));
  return {
    generator: 'licheng',
    version,
    roster: relative(context.outDir, context.roster).split(sep).join('/'),
    encoding: context.encoding,
    jobs: context.jobs,
    seconds: context.seconds,
    summary: { total: students.length, ...count, reused: students.filter((s) => s.reused).length },
    students: students.map(({ problem, diagnostics, ...figures }) => ({
      ...figures,
      problem: problem?.code ?? null,
      diagnostics: diagnostics.map((d) => diagnosticJson(d, context.lang)),
    })),
  };
}
