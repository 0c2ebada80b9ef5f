import { z } from 'zod';

/** Non-empty text; numbers written bare in YAML (a title like 2024) are read as text. */
export const text = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1));

/** A whole number, also when written as "112" or "112 學年度". */
export const integer = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const digits = /^\s*(\d+)/.exec(v);
  return digits ? Number(digits[1]) : v;
}, z.number());

/** A percentage: 40, "40", "40%" or "40 ％". */
export const percent = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const n = Number(v.replace(/[%％\s]/g, ''));
  return Number.isNaN(n) ? v : n;
}, z.number().min(0).max(100));

/** A date as the student wrote it (2024-03-15, 2024/3/15, 113.03.15); YAML dates are read back as ISO days. */
export const dateText = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
  z.string().trim().min(1),
);

/** One path or a list of paths. */
export const pathList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1)));

/** A category code written as its code, a short form or its Chinese name; anything else is `category-invalid`. */
export function categoryField<Code extends string>(aliases: Record<string, Code>, kind: string, allowed: readonly string[]) {
  return z
    .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string())
    .transform((value, ctx) => {
      const code = aliases[value.trim()];
      if (!code) {
        const args = { value, kind, allowed: allowed.join(', ') };
        ctx.addIssue({ code: 'custom', message: 'category-invalid', params: { ruleId: 'category-invalid', args } });
      }
      return code as Code;
    });
}
