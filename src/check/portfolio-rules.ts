import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { uploadLimits } from '../limits.js';
import type { PortfolioDocument } from '../model/document.js';
import { kindModels } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import { kindLabel } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';

export interface CheckedDocument {
  source: MarkdownSource;
  document: PortfolioDocument;
}

/** 學年度 of a 多元表現 from its date: August starts a new school year (2024-03 → 112). */
export function schoolYearOf(date: string | undefined): number | undefined {
  const match = date && /^(\d{3,4})\D+(\d{1,2})/.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]) > 1911 ? Number(match[1]) - 1911 : Number(match[1]);
  return Number(match[2]) >= 8 ? year : year - 1;
}

/** More than 6 course outcomes or 10 多元表現 in one school year: only that many reach the database. */
export function checkYearCounts(documents: readonly CheckedDocument[]): Diagnostic[] {
  const perYear = uploadLimits.find((l) => l.scope === 'per school year')!;
  const groups = new Map<string, CheckedDocument[]>();
  for (const item of documents) {
    const { document } = item;
    const year = document.kind === 'course' ? document.year : document.kind === 'performance' ? schoolYearOf(document.date ?? document.start) : undefined;
    if (year === undefined) continue;
    const key = `${document.kind}:${year}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const found: Diagnostic[] = [];
  for (const [key, items] of groups) {
    const [kind, year] = key.split(':') as ['course' | 'performance', string];
    const max = kind === 'course' ? perYear.courseOutcomes : perYear.performances;
    items.slice(max).forEach(({ source, document }, i) => {
      const yearKey = document.kind === 'course' ? 'year' : document.kind === 'performance' && document.date === undefined ? 'start' : 'date';
      const place = source.frontMatter ? positionOfPath(source.frontMatter, kindModels[kind].keyTable, [yearKey]) : undefined;
      found.push(diagnostic(source.displayPath, place, 'warning', 'year-over-submission', { year, count: items.length, kind: kindLabel[kind], max, index: max + i + 1 }));
    });
  }
  return found;
}
