import { limits } from '../../limits.js';
import { rule } from '../rule.js';

/** 簡述 ≤ 100 characters, counted in code points with whitespace (SPEC §1). */
export const summaryLength = rule(
  ['course', 'performance'],
  { 'summary-too-long': 'error' },
  (context) => {
    const count = [...context.document.summary].length;
    const max = limits.summaryMaxChars;
    if (count > max) context.report('summary-too-long', context.keyPosition(['summary']), { count, max, over: count - max });
  },
  ['summary'],
);
