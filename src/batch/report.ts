import { join, relative, sep } from 'node:path';
import { diagnosticJson, type Diagnostic } from '../diagnostics.js';
import { writeAtomic } from '../emit/write-atomic.js';
import type { Lang } from '../messages.js';
import { version } from '../version.js';
import { csvField } from './csv.js';
import type { BatchProblem } from './messages.js';
import type { StudentFigures } from './student.js';

/** `interrupted`: Ctrl-C came before the student was done; the next `--resume` builds them. */
export type StudentStatus = 'ok' | 'errors' | 'failed' | 'timeout' | 'skipped' | 'interrupted';
export const statuses: readonly StudentStatus[] = ['ok', 'errors', 'failed', 'timeout', 'skipped', 'interrupted'];
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
}

const columns = ['id', 'name', 'path', 'status', 'errors', 'warnings', 'documents', 'bytes', 'seconds', 'first_error'] as const;

/**
 * DIR/report.csv (UTF-8 with BOM and CRLF, so Excel on Windows shows the Chinese names) and
 * DIR/report.json (the same rows, each with its diagnostics), both written atomically.
 */
export async function writeReport(students: readonly StudentReport[], context: ReportContext): Promise<{ csv: string; json: string }> {
  const csv = join(context.outDir, 'report.csv');
  const json = join(context.outDir, 'report.json');
  const rows = students.map((s) => [s.id, s.name, s.path, s.status, s.errors, s.warnings, s.documents, s.bytes, s.seconds.toFixed(1), s.firstError]);
  const text = [columns, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
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
    summary: { total: students.length, ...count },
    students: students.map(({ problem, diagnostics, ...figures }) => ({
      ...figures,
      problem: problem?.code ?? null,
      diagnostics: diagnostics.map((d) => diagnosticJson(d, context.lang)),
    })),
  };
}
