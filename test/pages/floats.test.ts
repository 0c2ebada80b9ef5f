import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePdf, type ParsedPdf } from '../helpers/pdf.js';
import { makePortfolio, portfolioYaml } from '../helpers/portfolio.js';
import { drawn, type DrawnImage } from './drawn-text.js';

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'dist', 'licheng', 'main.cjs');
const media = join(repo, 'examples', 'portfolio', 'media');

/** A4 and the theme's margins, in PDF points from the bottom. */
const pageHeight = 841.89;
const textTop = pageHeight - 64;
const textBottom = 56;
const textHeight = textTop - textBottom;
/** The two photos' placed widths at full size (150 dpi, capped at 40 % of the page height). */
const fullWidth = { watering: 385, team: 433.1 };

/** Numbered paragraphs, so the order they come out in can be read back. */
const paragraphs = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `段落${from + i}：我們讓系統在教室窗邊連續運作七天，並與一盆人工澆水的對照組比較，每一次校正都記錄下來，再把讀值換算成百分比。`,
  ).join('\n\n');

/** A course outcome with `before` paragraphs ahead of its first photo: a sweep moves the photo down the page. */
function document(before: number): string {
  return [
    '---\n成果名稱: 以 ESP32 與超音波感測器打造的智慧澆花系統：從校正、遲滯控制到一週實測的完整紀錄\n類別: B-1\n科目名稱: 專題實作\n學年度: 112\n學期: 1\n簡述: 簡述。\n---',
    '## 作品說明',
    paragraphs(1, before),
    '![系統全貌](../media/watering-system.jpg)',
    paragraphs(100, 6),
    '## 製作過程',
    paragraphs(200, 4),
    '![組員討論](../media/team-discussion.jpg)',
    paragraphs(300, 9),
    '## 心得與反思',
    '經歷了三週的實驗，我發現資料比直覺可靠。我學到先量測再下結論，這也影響了我之後做每一份報告的方式。',
  ].join('\n\n');
}

const sweep = [3, 5, 6, 8, 11];
const results = new Map<number, { pdf: ParsedPdf; images: DrawnImage[] }>();

beforeAll(async () => {
  const files: Record<string, string> = { 'portfolio.yaml': portfolioYaml };
  for (const n of sweep) files[`courses/f${n}.md`] = document(n);
  const root = await makePortfolio(files, false);
  await mkdir(join(root, 'media'));
  for (const image of ['watering-system.jpg', 'team-discussion.jpg']) await copyFile(join(media, image), join(root, 'media', image));
  const result = spawnSync(process.execPath, [cli, 'build', '.'], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  for (const n of sweep) {
    const data = await readFile(join(root, 'out', 'courses', `f${n}.pdf`));
    results.set(n, { pdf: await parsePdf(data), images: (await drawn(data)).images });
  }
});

/** Reading order of a line: page, then top to bottom. */
const where = (pdf: ParsedPdf, test: (text: string) => boolean): number[] => {
  for (const [page, lines] of pdf.lines.entries()) {
    const line = lines.find((l) => test(l.text));
    if (line) return [page, -line.y];
  }
  throw new Error('line not found');
};
const precedes = (a: number[], b: number[]) => a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!);
const bodyLines = (pdf: ParsedPdf, page: number) => pdf.lines[page]!.filter((l) => l.y > textBottom && l.y < textTop - 10);

describe('figures float', () => {
  it('keep their order: figure 1 before figure 2, each after the paragraph that introduces it', () => {
    for (const n of sweep) {
      const { pdf } = results.get(n)!;
      const first = where(pdf, (t) => t.startsWith('圖 1'));
      const second = where(pdf, (t) => t.startsWith('圖 2'));
      expect(precedes(first, second), `${n} paragraphs`).toBe(true);
      expect(
        precedes(
          where(pdf, (t) => t.startsWith(`段落 ${n}：`)),
          first,
        ),
        `${n} paragraphs`,
      ).toBe(true);
      expect(
        precedes(
          where(pdf, (t) => t.startsWith('段落 203：')),
          second,
        ),
        `${n} paragraphs`,
      ).toBe(true);
    }
  });

  it('leave no page but the last more than 25 % empty', () => {
    for (const n of sweep) {
      const { pdf } = results.get(n)!;
      for (let page = 0; page < pdf.pages - 1; page++) {
        const lowest = Math.min(...bodyLines(pdf, page).map((l) => l.y));
        expect((lowest - textBottom) / textHeight, `${n} paragraphs, page ${page + 1}`).toBeLessThan(0.25);
      }
    }
  });

  it('shrink to no less than 70 % to stay, or move to the next page while the text after them fills the gap', () => {
    let moved = 0;
    let shrunk = 0;
    for (const n of sweep) {
      const { pdf, images } = results.get(n)!;
      const photo = images.find((i) => Math.abs(i.width / Math.abs(i.height) - fullWidth.watering / 288.756) < 0.01)!;
      expect(photo.width / fullWidth.watering, `${n} paragraphs`).toBeGreaterThanOrEqual(0.7 - 1e-6);
      if (photo.width < fullWidth.watering - 0.5) shrunk++;
      // Text written after the figure came out ahead of it: it filled the page the figure left.
      if (
        precedes(
          where(pdf, (t) => t.startsWith('段落 100：')),
          where(pdf, (t) => t.startsWith('圖 1')),
        )
      ) {
        moved++;
        expect(photo.page, `${n} paragraphs`).toBeGreaterThan(1);
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(shrunk).toBeGreaterThan(0);
  });
});
