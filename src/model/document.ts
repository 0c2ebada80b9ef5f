import type { Root } from 'mdast';
import type { z } from 'zod';
import { courseFrontMatterSchema, courseKeyTable, courseOutcome, type CourseOutcome } from './course.js';
import { essayFrontMatterSchema, essayKeyTable, statement, summaryEssay, type Statement, type SummaryEssay } from './essay.js';
import type { KeyTable } from './fields.js';
import type { PackSections } from './pack-sections.js';
import { performance, performanceFrontMatterSchema, performanceKeyTable, type Performance } from './performance.js';
import type { CategoryCode, DocumentKind } from './vocabulary.js';

/** Any document of a portfolio, told apart by `kind`. */
export type PortfolioDocument = CourseOutcome | Performance | SummaryEssay | Statement;

export interface KindModel {
  keyTable: KeyTable;
  schema: z.ZodObject;
  /** Whether the document needs front matter at all (essays can be plain Markdown). */
  needsFrontMatter: boolean;
  make(frontMatter: never, body: Root, pack?: PackSections): PortfolioDocument;
}

export const kindModels: Record<DocumentKind, KindModel> = {
  course: { keyTable: courseKeyTable, schema: courseFrontMatterSchema, needsFrontMatter: true, make: courseOutcome },
  performance: { keyTable: performanceKeyTable, schema: performanceFrontMatterSchema, needsFrontMatter: true, make: performance },
  summary: { keyTable: essayKeyTable, schema: essayFrontMatterSchema, needsFrontMatter: false, make: summaryEssay },
  statement: { keyTable: essayKeyTable, schema: essayFrontMatterSchema, needsFrontMatter: false, make: statement },
};

/** The admission category code of a document: B-1/B-2, C-1…C-8, D-1, D-2. */
export function documentCode(document: PortfolioDocument): CategoryCode {
  switch (document.kind) {
    case 'course':
    case 'performance':
      return document.category;
    case 'summary':
      return 'D-1';
    case 'statement':
      return 'D-2';
  }
}

/** The 簡述 of a document, where its kind has one. */
export const documentSummary = (document: PortfolioDocument): string | undefined =>
  document.kind === 'course' || document.kind === 'performance' ? document.summary : undefined;
