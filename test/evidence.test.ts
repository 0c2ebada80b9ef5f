import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../src/build.js';
import { makePortfolio } from './helpers/portfolio.js';
import { parsePdf } from './helpers/pdf.js';

const png = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: '#e0c080' } })
    .png()
    .toBuffer();

const performance = (evidence: string) => `---
名稱: 全國技能競賽 電腦修護 銅牌
類別: C-5
日期: 2024-08-01
主辦單位: 勞動部
職務: 選手
簡述: 代表學校參加全國技能競賽電腦修護職類，獲得銅牌。
證明文件:
${evidence}
---

## 說明

比賽說明。

## 心得與反思

經歷了三週的集訓，我發現細心比速度重要，學到先檢查再動手，這影響了我之後的每一次實習。
`;

describe('證明文件 captions', () => {
  it('show the caption the student gave, else what the evidence is — never a file name', async () => {
    const root = await makePortfolio({
      'media/IMG_2024_0801.png': await png(),
      'media/scan-0001.png': await png(),
      'performances/skills.md': performance('  - 檔案: ../media/IMG_2024_0801.png\n    說明: 銅牌獎狀\n  - ../media/scan-0001.png'),
    });
    const result = await build(['.'], { cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = (await parsePdf(await readFile(join(root, 'out', 'performances', 'skills.pdf')))).pageTexts.join('\n');
    expect(text).toContain('銅牌獎狀');
    expect(text).toMatch(/圖 2\s+全國技能競賽 電腦修護 銅牌\s證明文件 2/);
    expect(text).not.toMatch(/IMG_2024_0801|scan-0001/);
  });

  it('point at the item when its file is missing, whichever way it is written', async () => {
    const root = await makePortfolio({ 'performances/skills.md': performance('  - 檔案: ../media/none.png\n    說明: 銅牌獎狀') });
    const result = await build(['.'], { cwd: root });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.ruleId])).toEqual([['performances/skills.md', 9, 'image-missing']]);
  });
});
