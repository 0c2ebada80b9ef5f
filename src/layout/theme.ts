import { createRequire } from 'node:module';
import { ensureFamily, fontkitFont, type FontFamily } from '../infra/fonts.js';
import type { GlyphFont } from '../typeset/metrics.js';

const require = createRequire(import.meta.url);

/**
 * A bundled family whose files are looked up in node_modules when first asked for: finding a
 * package file costs a command ~0.3–2.5 ms each, and most documents use only the body faces. Each
 * is a literal `require.resolve`, which editors/vscode/package-vsix.mjs finds to pack the font.
 */
function bundled(name: string, regular: () => string, bold: () => string): FontFamily {
  const files: { regular?: string; bold?: string } = {};
  return {
    name,
    get regular() {
      files.regular ??= regular();
      return files.regular;
    },
    get bold() {
      files.bold ??= bold();
      return files.bold;
    },
  };
}

export const bundledFonts = {
  sans: bundled(
    'NotoSansTC',
    () => require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf'),
    () => require.resolve('@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf'),
  ),
  serif: bundled(
    'NotoSerifTC',
    () => require.resolve('@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf'),
    () => require.resolve('@expo-google-fonts/noto-serif-tc/700Bold/NotoSerifTC_700Bold.ttf'),
  ),
  /** Latin, Greek and Cyrillic of code; its Han falls back to the body face. */
  mono: bundled(
    'NotoSansMono',
    () => require.resolve('@fontsource/noto-sans-mono/files/noto-sans-mono-latin-400-normal.woff'),
    () => require.resolve('@fontsource/noto-sans-mono/files/noto-sans-mono-latin-700-normal.woff'),
  ),
  /** Monochrome emoji, for characters the body face lacks; one weight, so one font file in a PDF. */
  emoji: bundled(
    'NotoEmoji',
    () => require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
    () => require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
  ),
} satisfies Record<string, FontFamily>;

/** Everything visual about a document that is not its content. Sizes in points. */
export interface Theme {
  name: string;
  /** The body face; headings use its bold. */
  font: FontFamily;
  /** A face for the title block and headings, when it differs from the body face. */
  headingFont: FontFamily;
  /** Code, in front of the body face. */
  mono: FontFamily;
  /** Emoji, behind the body face. */
  emoji: FontFamily;
  fontSize: number;
  /** Multiplies the font's own line height (Noto CJK: 1.45 em). */
  lineHeight: number;
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  colors: { text: string; muted: string; accent: string; rule: string; shade: string; highlight: string; code: string; link: string };
}

const base = {
  mono: bundledFonts.mono,
  emoji: bundledFonts.emoji,
  fontSize: 10.5,
  lineHeight: 1.12,
  pageSize: 'A4' as const,
  pageMargins: [56, 64, 56, 56] as [number, number, number, number],
  colors: {
    text: '#1f2328',
    muted: '#656d76',
    accent: '#1d4e89',
    rule: '#c9d1d9',
    shade: '#eef2f7',
    highlight: '#fff4c2',
    code: '#f4f5f7',
    link: '#0b5cad',
  },
};

export const themes: Record<'sans' | 'serif', Theme> = {
  sans: { name: 'sans', font: bundledFonts.sans, headingFont: bundledFonts.sans, ...base },
  serif: { name: 'serif', font: bundledFonts.serif, headingFont: bundledFonts.sans, ...base, fontSize: 11 },
};

/** The bundled faces' own line height, in em (ascent, descent and gap of Noto CJK). */
export const fontLineHeight = 1.45;

/** Page width minus margins, where text, tables and images go. */
export const textWidth = (theme: Theme): number => 595.28 - theme.pageMargins[0] - theme.pageMargins[2];
export const textHeight = (theme: Theme): number => 841.89 - theme.pageMargins[1] - theme.pageMargins[3];

/** The sizes text is set in, by what it is: the styles pdfmake applies and the widths licheng sets lines to agree on these. */
export const textSizes = (theme: Theme) => ({
  h2: theme.fontSize + 3,
  h3: theme.fontSize + 1.5,
  h4: theme.fontSize + 0.5,
  title: 19,
  kicker: theme.fontSize - 1,
  table: theme.fontSize - 1,
  caption: theme.fontSize - 1.5,
  code: theme.fontSize - 1.5,
  note: theme.fontSize - 1.5,
});

/**
 * The face text is measured in: the theme's body face, or a family an inline names (mono, emoji), as
 * the PDF engine parsed it. The code and emoji faces load on demand (`coverageOnDemand`), and a run
 * can name one before any of its characters was looked up (code of empty lines): it loads here then.
 */
export const glyphFontOf =
  (theme: Theme) =>
  (bold: boolean, family?: string): GlyphFont => {
    if (family === theme.mono.name) ensureFamily(theme.mono);
    else if (family === theme.emoji.name) ensureFamily(theme.emoji);
    return fontkitFont(family ?? theme.font.name, bold) as unknown as GlyphFont;
  };
