import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { parse as parseYaml } from 'yaml';
import puppeteer from 'puppeteer-core';

/**
 * The baseline licheng is compared with: Markdown → HTML (unified) → headless Chromium page.pdf,
 * one browser reused for every document, as md-to-pdf-style tools do.
 */
export const chromiumPath = '/usr/bin/chromium';

const require = createRequire(import.meta.url);
const fontUrl = (weight: string) => pathToFileURL(require.resolve(`@expo-google-fonts/noto-sans-tc/${weight}/NotoSansTC_${weight}.ttf`)).href;

const css = `
@font-face { font-family: "Noto Sans TC"; font-weight: 400; src: url("${fontUrl('400Regular')}"); }
@font-face { font-family: "Noto Sans TC"; font-weight: 700; src: url("${fontUrl('700Bold')}"); }
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans TC"; font-size: 11pt; line-height: 1.7; color: #222; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; } h3 { font-size: 12pt; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 2pt 6pt; }
`;

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

/** A course outcome as a standalone HTML page: title and summary from the front matter, then the body. */
export function courseHtml(markdown: string): string {
  const yaml = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '';
  const meta = (parseYaml(yaml) ?? {}) as Record<string, unknown>;
  const escape = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = String(processor.processSync(markdown));
  return `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><style>${css}</style></head><body>
<h1>${escape(meta.成果名稱)}</h1><p>${escape(meta.科目名稱)}・${escape(meta.學年度)} 學年度第 ${escape(meta.學期)} 學期</p>
<p>${escape(meta.簡述)}</p>${body}</body></html>`;
}

export interface ChromiumTimings {
  launchMs: number;
  documentsMs: number[];
  totalMs: number;
}

/** Converts each Markdown file to `outDir/NAME.pdf` with one Chromium; HTML pages are written beside the PDFs. */
export async function renderWithChromium(files: readonly string[], outDir: string): Promise<ChromiumTimings> {
  const start = performance.now();
  await mkdir(outDir, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'licheng-bench-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    pipe: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
    ],
  });
  const launchMs = performance.now() - start;
  const documentsMs: number[] = [];
  try {
    const page = await browser.newPage();
    for (const file of files) {
      const t = performance.now();
      const name = basename(file, '.md');
      // A file: page, so the @font-face file: URLs are same-origin and load.
      const html = join(outDir, `${name}.html`);
      await writeFile(html, courseHtml(await readFile(file, 'utf8')));
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.pdf({ path: join(outDir, `${name}.pdf`), format: 'A4', printBackground: true, preferCSSPageSize: true, waitForFonts: true });
      documentsMs.push(performance.now() - t);
    }
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
  return { launchMs, documentsMs, totalMs: performance.now() - start };
}
