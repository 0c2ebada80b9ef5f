import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { check } from '../../src/check.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { layoutDocument } from '../../src/layout/content.js';
import { themeFor } from '../../src/layout/theme-for.js';
import { loadDocument, loadPortfolio } from '../../src/model/load.js';
import { makePortfolio } from '../helpers/portfolio.js';

// 𓀀 (U+13000, not in Noto Emoji either), ♞ (U+265E) and 𝄞 (U+1D11E): none of them is in Noto Sans TC.
const course = `---
成果名稱: 派對 𓀀 計畫
類別: B-1
科目名稱: 專題實作 ♞
學年度: 112
學期: 2
授課教師: 黃老師
簡述: 一場 𓀀 的簡述。
團隊:
  - 姓名: 陳柏宇 𝄞
    工作內容: 程式 ♞
    貢獻度: 50
  - 姓名: 林語彤
    工作內容: 設計
    貢獻度: 50
---

## 作品說明 ♞

第一行有 𓀀，
第二行也有 𓀀 與 **粗體 𝄞**。

![圖說 ♞ 不印出來](missing.png)

| 欄 | 值 𓀀 |
| --- | --- |
| \`code ♞\` | [連結 𝄞](https://example.com) |

## 個人貢獻度

我負責程式。

\`\`\`
第一行
第二行 𝄞
\`\`\`

<!-- 註解 𓀀 不印出來 -->
`;

const performance = `---
名稱: 比賽 ♞
類別: C-5
日期: 2024-05-01
主辦單位: 主辦 𓀀
職務: 隊長
簡述: 簡述 𝄞。
---

## 參與內容

內文 ♞ 與 𓀀。
`;

const glyphs = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === 'glyph-missing').map((d) => formatDiagnostic(d, 'en'));

describe('glyph coverage, a check rule that lays nothing out', () => {
  it('reports what the layout reports when it typesets the document: same characters, first places and counts', async () => {
    const root = await makePortfolio({ 'courses/party.md': course, 'performances/contest.md': performance });
    const checked = glyphs((await check(['.'], { cwd: root })).diagnostics);
    const portfolio = await loadPortfolio(root, root);
    const { theme } = themeFor(portfolio);
    const laidOut: Diagnostic[] = [];
    for (const file of ['courses/party.md', 'performances/contest.md']) {
      const { source, document } = await loadDocument(join(root, file), root, root);
      laidOut.push(
        ...layoutDocument({ source: source!, document: document!, portfolio: portfolio.portfolio, theme, images: new Map(), appendedPdfs: [] }).diagnostics,
      );
    }
    expect([...checked].sort()).toEqual(glyphs(laidOut).sort());
    expect(checked).toHaveLength(6);
    // 𓀀 first in the title (reported at its key), then in the summary, the body and the table; the comment is not typeset.
    expect(checked.find((line) => line.includes('U+13000'))).toMatch(/^courses\/party\.md:2:\d+: warning: .*\(5 times, first here\)/);
    // ♞ of 科目名稱 comes before the team's and the body's; the image's alt text is not typeset.
    expect(checked.find((line) => line.startsWith('courses/party.md') && line.includes('U+265E'))).toMatch(
      /^courses\/party\.md:4:\d+: .*\(4 times, first here\)/,
    );
    // In a code block, at its own line and column.
    // 𝄞 first in the bold text of the body (the team table comes in a later section); the code block's counts too.
    expect(checked.find((line) => line.startsWith('courses/party.md') && line.includes('U+1D11E'))).toMatch(
      /^courses\/party\.md:21:\d+: .*\(4 times, first here\)/,
    );
  });
});
