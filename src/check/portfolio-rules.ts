import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { uploadLimits } from '../limits.js';
import type { PortfolioDocument } from '../model/document.js';
import { kindModels } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import { kindLabel } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';
import { asRocYear } from '../roc-year.js';

export interface CheckedDocument {
  source: MarkdownSource;
  document: PortfolioDocument;
}

/** 學年度 of a 多元表現 from its date: August starts a new school year (2024-03 → 112). */
export function schoolYearOf(date: string | undefined): number | undefined {
  const match = date && /^(\d{3,4})\D+(\d{1,2})/.exec(date);
  if (!match) return undefined;
  const year = asRocYear(Number(match[1]));
  return Number(match[2]) >= 8 ? year : year - 1;
}

/** Where a document sits in the school-year count: plain data, so it can cross a worker boundary. */
export interface YearRecord {
  file: string;
  kind: 'course' | 'performance';
  year: number;
  /** Position of the key the year comes from (學年度, 日期 or 起). */
  place: Position | undefined;
}

export function yearRecord({ source, document }: CheckedDocument): YearRecord | undefined {
  if (document.kind !== 'course' && document.kind !== 'performance') return undefined;
  const year = document.kind === 'course' ? document.year : schoolYearOf(document.date ?? document.start);
  if (year === undefined) return undefined;
  const yearKey = document.kind === 'course' ? 'year' : document.date === undefined ? 'start' : 'date';
  const place = source.frontMatter ? positionOfPath(source.frontMatter, kindModels[document.kind].keyTable, [yearKey]) : undefined;
  return { file: source.displayPath, kind: document.kind, year, place };
}

/** More than 6 course outcomes or 10 多元表現 in one school year: only that many reach the database. */
export function checkYearCounts(records: readonly (YearRecord | undefined)[]): Diagnostic[] {
  const perYear = uploadLimits.find((l) => l.scope === 'per school year')!;
  const groups = new Map<string, YearRecord[]>();
  for (const record of records) {
    if (!record) continue;
    const key = `${record.kind}:${record.year}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const found: Diagnostic[] = [];
  for (const items of groups.values()) {
    const { kind, year } = items[0]!;
    const max = kind === 'course' ? perYear.courseOutcomes : perYear.performances;
    items.slice(max).forEach(({ file, place }, i) => {
      found.push(diagnostic(file, place, 'warning', 'year-over-submission', { year, count: items.length, kind: kindLabel[kind], max, index: max + i + 1 }));
    });
  }
  return found;
}
