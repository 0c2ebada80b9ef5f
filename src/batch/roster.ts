import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parseCsv } from './csv.js';
import { problem, type BatchProblem } from './messages.js';

/** One roster row as written, with what is wrong with it if it cannot be built. */
export interface RosterEntry {
  /** 1-based line of the roster the row starts on. */
  line: number;
  id: string;
  name: string;
  path: string;
  /** The row's other columns (班級, 座號, …), by their heading, carried into the report. */
  roster: Record<string, string>;
  problem?: BatchProblem;
}

export type Roster = { entries: RosterEntry[]; encoding: RosterEncoding; extraColumns: string[] } | { usageError: BatchProblem };
export type RosterEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp950';

/** Column names, English or Chinese, as a school's spreadsheet might head them. */
const columns: Record<'id' | 'name' | 'path', readonly string[]> = {
  id: ['id', '學號', '座號'],
  name: ['name', '姓名'],
  path: ['path', '路徑', '資料夾'],
};

/** An id names the student's output folder: letters (any script), digits, - and _ are safe everywhere. */
const safeId = /^[\p{L}\p{N}_-]+$/u;

/**
 * Reads a roster CSV: UTF-8 with or without BOM, UTF-16 with BOM, or Big5/CP950 as Excel saves it
 * on Traditional Chinese Windows. A bad row becomes an entry with a problem, never an exception;
 * only an unreadable file or missing columns is a usage error.
 */
export async function readRoster(file: string, displayPath: string): Promise<Roster> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { usageError: problem('roster-missing', { path: displayPath }) };
    return { usageError: problem('roster-unreadable', { path: displayPath, reason: (error as Error).message }) };
  }
  const { text, encoding } = decodeRoster(bytes);
  // Excel's "Unicode text" export separates columns with tabs.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const [header, ...rows] = parseCsv(text, delimiter);
  const headings = (header?.fields ?? []).map((f) => f.trim());
  const names = headings.map((h) => h.toLowerCase());
  const index = (key: keyof typeof columns) => {
    for (const alias of columns[key]) {
      const at = names.indexOf(alias);
      if (at >= 0) return at;
    }
    return -1;
  };
  const at = { id: index('id'), name: index('name'), path: index('path') };
  if (at.id < 0 || at.path < 0) return { usageError: problem('roster-columns', { path: displayPath, found: names.join(', ') || '—' }) };
  // Every other named column, in roster order; a repeated heading keeps its first column.
  const extra = headings.flatMap((heading, i) =>
    heading && ![at.id, at.name, at.path].includes(i) && headings.indexOf(heading) === i ? [{ heading, i }] : [],
  );
  const seen = new Map<string, number>();
  const entries = rows.map(({ line, fields }): RosterEntry => {
    const cell = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
    const roster = Object.fromEntries(extra.map(({ heading, i }) => [heading, cell(i)]));
    const entry: RosterEntry = { line, id: cell(at.id), name: cell(at.name), path: cell(at.path), roster };
    const key = entry.id.normalize('NFC').toLowerCase();
    if (!entry.id) entry.problem = problem('row-id-missing', { line });
    else if (!safeId.test(entry.id)) entry.problem = problem('row-id-invalid', { line, id: entry.id });
    else if (seen.has(key)) entry.problem = problem('row-id-duplicate', { line, id: entry.id, first: seen.get(key)! });
    else if (!entry.path) entry.problem = problem('row-path-missing', { line });
    if (entry.id && !seen.has(key)) seen.set(key, line);
    return entry;
  });
  return { entries, encoding, extraColumns: extra.map((c) => c.heading) };
}

/** Valid UTF-8 is UTF-8; anything else is what Excel on zh-TW Windows writes: CP950. */
export function decodeRoster(bytes: Buffer): { text: string; encoding: RosterEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes, 'utf-16be'), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'cp950'), encoding: 'cp950' };
  }
}
