import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { loadFont, registerFamily } from '../infra/fonts.js';
import { fontMaxBytes } from '../limits.js';
import type { LoadedPortfolio } from '../model/load.js';
import { positionOfPath } from '../model/fields.js';
import { portfolioKeyTable } from '../model/portfolio.js';
import { resolveAsset } from '../read/resolve-asset.js';
import { themes, type Theme } from './theme.js';

/**
 * The theme a portfolio asks for (defaults.theme), with its own font when defaults.font names one.
 * A font is a file of the portfolio like any other: inside it, a regular file, of a font's size;
 * one that is none of these, or does not parse, is reported and the theme's own font is used.
 */
export function themeFor(loaded: LoadedPortfolio): { theme: Theme; diagnostics: Diagnostic[] } {
  const defaults = loaded.portfolio?.defaults;
  const base = themes[defaults?.theme ?? 'sans'];
  registerFamily(base.font);
  registerFamily(base.headingFont);
  if (!defaults?.font) return { theme: base, diagnostics: [] };
  const yamlPath = join(loaded.root, 'portfolio.yaml');
  const unreadable = (path: string, reason: string) => {
    const place = loaded.yaml ? positionOfPath(loaded.yaml, portfolioKeyTable, ['defaults', 'font']) : undefined;
    return { theme: base, diagnostics: [diagnostic(loaded.displayPath ?? yamlPath, place, 'error', 'font-unreadable', { path, reason, max: fontMaxBytes })] };
  };
  const paths: string[] = [];
  for (const written of [defaults.font.regular, defaults.font.bold ?? defaults.font.regular]) {
    const resolved = resolveAsset(yamlPath, written, loaded.root);
    if ('problem' in resolved) return unreadable(written, resolved.problem);
    if (resolved.bytes > fontMaxBytes) return unreadable(written, 'too-large');
    try {
      loadFont(resolved.path);
    } catch (error) {
      return unreadable(written, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    paths.push(resolved.path);
  }
  const [regular, bold] = paths as [string, string];
  const font = {
    name: `Custom-${createHash('sha1')
      .update(regular + '\0' + bold)
      .digest('hex')
      .slice(0, 8)}`,
    regular,
    bold,
  };
  registerFamily(font, false);
  return { theme: { ...base, font }, diagnostics: [] };
}
