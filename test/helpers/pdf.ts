import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextLine {
  y: number;
  text: string;
}

export interface TextRun {
  text: string;
  /** Font size in points, from the text matrix. */
  size: number;
  /** Where the run starts and how wide it is, in points from the page's left edge. */
  x: number;
  width: number;
}

export interface ParsedPdf {
  pages: number;
  /** Text runs of each page in content order, with their size. */
  runs: TextRun[][];
  /** Targets of the link annotations, all pages. */
  links: string[];
  info: Record<string, string>;
  /** Text of each page, lines joined with \n. */
  pageTexts: string[];
  /** Lines of each page: runs sharing a baseline, left to right. */
  lines: TextLine[][];
  outline: { title: string; children: string[] }[];
  /** /Lang of the catalog, read from the raw file. */
  lang: string | undefined;
  /** Font names as embedded (BaseFont), e.g. ABCDEF+NotoSansTC-Regular. */
  fonts: string[];
  embeddedFontFiles: number;
}

/** Parses a PDF back the way a reader (and a copy/paste) sees it. */
export async function parsePdf(data: Uint8Array): Promise<ParsedPdf> {
  const raw = Buffer.from(data).toString('latin1');
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const meta = await doc.getMetadata();
  const pageTexts: string[] = [];
  const lines: TextLine[][] = [];
  const runs: TextRun[][] = [];
  const links: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const round = (n: number) => Math.round(n * 10) / 10;
    runs.push(
      content.items.flatMap((item) =>
        'str' in item && item.str !== ''
          ? [{ text: item.str, size: round(Math.hypot(item.transform[0], item.transform[1])), x: round(item.transform[4]), width: round(item.width) }]
          : [],
      ),
    );
    for (const annotation of (await page.getAnnotations()) as { subtype: string; url?: string }[])
      if (annotation.subtype === 'Link' && annotation.url) links.push(annotation.url);
    const byLine = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const y = Math.round(item.transform[5]);
      const key = [...byLine.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      if (!byLine.has(key)) byLine.set(key, []);
      byLine.get(key)!.push({ x: item.transform[4], s: item.str });
    }
    const pageLines = [...byLine.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([y, runs]) => ({
        y,
        text: runs
          .sort((a, b) => a.x - b.x)
          .map((r) => r.s)
          .join(''),
      }));
    lines.push(pageLines);
    pageTexts.push(pageLines.map((l) => l.text).join('\n'));
  }
  const outlineItems = (await doc.getOutline()) ?? [];
  const outline = outlineItems.map((item) => ({ title: item.title, children: (item.items ?? []).map((c) => c.title) }));
  const info = meta.info as Record<string, string>;
  const lang = /\/Lang \(([^)]*)\)/.exec(raw)?.[1];
  const fonts = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!);
  const embeddedFontFiles = [...raw.matchAll(/\/FontFile2 \d+ 0 R/g)].length;
  await doc.destroy();
  return { pages: doc.numPages, runs, links, info, pageTexts, lines, outline, lang, fonts: [...new Set(fonts)], embeddedFontFiles };
}
