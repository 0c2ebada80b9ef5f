import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../src/build.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio, reflection } from './helpers/portfolio.js';

describe('HTML left in the Markdown (as HackMD writes it)', () => {
  it('turns <img> into figures, keeps the text of block HTML without its tags, sets <sup>/<sub>/<u>/<b>, and checks the images', async () => {
    const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#48c' } })
      .png()
      .toBuffer();
    const body = [
      '## 課程說明',
      '<!-- 給自己的備忘：這段不要印出來 -->',
      '<div align="center">置中的說明文字 &amp; 圖</div>',
      '<p align="center"><img src="../media/setup.png" width="60%" alt="實驗裝置"></p>',
      '段落中的圖 <img src="../media/setup.png" width="200"> 之後的文字。',
      '重力加速度 9.8 m/s<sup>2</sup>，水是 H<sub>2</sub>O，<u>底線</u>與 <b>粗體</b>。',
      '<img src="../media/missing.png">',
      '## 學習過程',
      '過程。',
      '## 心得與反思',
      reflection,
    ].join('\n\n');
    const root = await makePortfolio({ 'courses/html.md': courseMarkdown(body), 'media/setup.png': photo });
    const result = await build([root]);
    // The missing picture is reported at its own line, like a Markdown image would be.
    expect(result.diagnostics.map((d) => `${d.line}:${d.ruleId}`)).toEqual(['22:image-missing']);
    // A document with errors gets no PDF; with the picture in place it builds.
    expect(result.portfolios[0]!.documents[0]!.pdf).toBeUndefined();
    await writeFile(join(root, 'media', 'missing.png'), photo);
    expect((await build([root])).diagnostics).toEqual([]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'html.pdf')));
    const text = pdf.pageTexts.join('\n');
    expect(text).toContain('置中的說明文字 & 圖');
    expect(text).toContain('實驗裝置');
    expect(text).toMatch(/圖\s*2/);
    expect(text).toContain('段落中的圖');
    expect(text).not.toMatch(/<\/?(div|p|img|sup|sub|u|b)\b|align=|備忘/);
    // Superscript and subscript are set small, as pdfmake's sup/sub.
    const runs = pdf.runs.flat();
    const around = runs.find((r) => r.text.includes('重力加速度'))!;
    const small = runs.filter((r) => r.text === '2');
    expect(small).toHaveLength(2);
    for (const r of small) expect(r.size).toBeLessThan(around.size);
  });
});
