import { isAbsolute, join } from 'node:path';
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { registerFamily } from '../emit/pdf-engine.js';
import type { LoadedPortfolio } from '../model/load.js';
import { positionOfPath } from '../model/fields.js';
import { portfolioKeyTable } from '../model/portfolio.js';
import { themes, type Theme } from './theme.js';

/** The theme a portfolio asks for (defaults.theme), with its own font when defaults.font names one. */
export function themeFor(loaded: LoadedPortfolio): { theme: Theme; diagnostics: Diagnostic[] } {
  const defaults = loaded.portfolio?.defaults;
  const base = themes[defaults?.theme ?? 'sans'];
  registerFamily(base.font);
  registerFamily(base.headingFont);
  if (!defaults?.font) return { theme: base, diagnostics: [] };
  const at = (p: string) => (isAbsolute(p) ? p : join(loaded.root, p));
  const regular = at(defaults.font.regular);
  const bold = at(defaults.font.bold ?? defaults.font.regular);
  const name = `Custom-${createHash('sha1').update(regular + '\0' + bold).digest('hex').slice(0, 8)}`;
  try {
    const font = { name, regular, bold };
    registerFamily(font);
    return { theme: { ...base, font }, diagnostics: [] };
  } catch (error) {
    const file = loaded.displayPath ?? join(loaded.root, 'portfolio.yaml');
    const place = loaded.yaml ? positionOfPath(loaded.yaml, portfolioKeyTable, ['defaults', 'font']) : undefined;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { theme: base, diagnostics: [diagnostic(file, place, 'error', 'font-unreadable', { path: defaults.font.regular, reason })] };
  }
}
