import type { Rule } from '../rule.js';
import { assets } from './assets.js';
import { placeholders } from './placeholders.js';
import { essayLimits } from './essay-limits.js';
import { footnotes } from './footnotes.js';
import { glyphCoverage } from './glyph-coverage.js';
import { courseSections, performanceSections, statementSections } from './required-sections.js';
import { summaryLength } from './summary-length.js';
import { team } from './team.js';
import { manualTeamTable } from './manual-team-table.js';
import { statementTarget } from './statement-target.js';
import { contributionDepth, motivationTied, reflectionDepth } from './writing.js';

/** Every document rule, in the order their findings are most useful. */
export const documentRules = [
  summaryLength,
  courseSections,
  performanceSections,
  statementSections,
  team,
  manualTeamTable,
  statementTarget,
  assets,
  essayLimits,
  footnotes,
  glyphCoverage,
  reflectionDepth,
  contributionDepth,
  motivationTied,
  placeholders,
] as unknown as readonly Rule[];
