import { z } from 'zod';
import { aliasIndex, portfolioDefaultsKeys, portfolioKeys, ruleSettingAliases } from './vocabulary.js';

const settingIndex = aliasIndex(ruleSettingAliases);
import type { KeyTable } from './fields.js';
import { text } from './values.js';

export const portfolioKeyTable: KeyTable = {
  keys: aliasIndex(portfolioKeys),
  nested: {
    defaults: { keys: aliasIndex(portfolioDefaultsKeys), nested: { font: { keys: aliasIndex({ regular: ['一般'], bold: ['粗體'] }) } } },
    // Any rule id is a key here; unknown ones are found by the rules' own check (check/rule-settings.ts).
    rules: { keys: new Map([['*', '*']]) },
  },
};

export const themeNames = ['sans', 'serif'] as const;

export const portfolioSchema = z.object({
  student: text,
  school: z.string().optional(),
  department: z.string().optional(),
  class: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()).optional(),
  defaults: z
    .object({
      theme: z.enum(themeNames).optional(),
      /** A school's own font (e.g. a Kai face), paths relative to portfolio.yaml. */
      font: z.object({ regular: z.string(), bold: z.string().optional() }).optional(),
    })
    .optional(),
  /** A rule's severity changed, or the rule turned off (`reflection-thin: off`), for this portfolio. */
  rules: z
    .record(
      z.string(),
      z.string().transform((v, ctx) => {
        const setting = settingIndex.get(v.trim());
        if (setting === undefined) ctx.addIssue({ code: 'custom', message: 'off, warning or error' });
        return setting ?? z.NEVER;
      }),
    )
    .optional(),
});

/** portfolio.yaml: who the student is and the defaults of every document. */
export type Portfolio = z.infer<typeof portfolioSchema>;
