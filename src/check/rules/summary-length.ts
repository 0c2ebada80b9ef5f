import { limits } from '../../limits.js';
import type { Rule } from '../rule.js';

/** 簡述 ≤ 100 characters, counted in code points with whitespace (SPEC §1). */
export const summaryLength: Rule = (context) => {
  const count = [...context.course.summary].length;
  const max = limits.summaryMaxChars;
  if (count > max) context.report('error', 'summary-too-long', context.keyPosition(['summary']), { count, max, over: count - max });
};
