import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { check } from '../src/check.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const png = () =>
  sharp({ create: { width: 20, height: 20, channels: 3, background: '#888888' } })
    .png()
    .toBuffer();

async function said(image: string): Promise<string[]> {
  const root = await makePortfolio({
    'media/IMG_0012.JPG': await png(),
    'media/photo-1.png': await png(),
    'courses/a.md': courseMarkdown(`![照片](${image})\n\n${sections}`),
  });
  return (await check(['.'], { cwd: root })).diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, 'zh'));
}

describe('a missing file suggests the near miss', () => {
  it.each([
    [
      'a path written from the portfolio, not from the file',
      'media/photo-1.png',
      '找不到圖片「media/photo-1.png」；路徑要從這個檔案所在的資料夾算起：是不是「../media/photo-1.png」？',
    ],
    ['Windows separators', '..\\media\\photo-1.png', '找不到圖片「..\\media\\photo-1.png」；路徑請用「/」分隔：是不是「../media/photo-1.png」？'],
    ['another case', '../media/img_0012.jpg', '找不到圖片「../media/img_0012.jpg」；是不是「../media/IMG_0012.JPG」？'],
    ['a typo', '../media/photo1.png', '找不到圖片「../media/photo1.png」；是不是「../media/photo-1.png」？'],
    ['nothing near', '../media/完全不同.png', '找不到圖片「../media/完全不同.png」 [image-missing]'],
  ])('%s', async (_, image, text) => {
    const lines = await said(image);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(text);
  });
});
