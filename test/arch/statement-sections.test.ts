import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { makePortfolio } from '../helpers/portfolio.js';

const statement = (target: string) =>
  `---\n標題: 學習歷程自述\n${target ? `報考校系: ${target}\n` : ''}---\n\n## 就讀動機\n\n我想讀電機，因為專題讓我想把裝置做得更穩定。\n\n## 未來學習計畫\n\n先補強電路學，再做嵌入式專題。\n`;
const target = (extra: string) => `學校: 國立臺灣科技大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n${extra}`;

async function sectionFindings(files: Record<string, string>): Promise<string[]> {
  const root = await makePortfolio(files);
  return (await check(['.'], { cwd: root })).diagnostics
    .filter((d) => ['section-missing', 'key-type'].includes(d.ruleId))
    .map((d) => formatDiagnostic(d, 'zh'));
}

describe('the 自述 (D-2) has the sections its targets ask for', () => {
  it('by default all three: a missing 學習歷程反思 is an error', async () => {
    expect(await sectionFindings({ 'statements/ee.md': statement('../targets/ee.yaml'), 'targets/ee.yaml': target('') })).toEqual([
      'statements/ee.md:12:1: error: 缺少「學習歷程反思」段落；請加上「## 學習歷程反思」標題 [section-missing]',
    ]);
  });

  it('only those the named target lists under 自述段落', async () => {
    expect(
      await sectionFindings({ 'statements/ee.md': statement('../targets/ee.yaml'), 'targets/ee.yaml': target('自述段落:\n  - 就讀動機\n  - 未來學習計畫\n') }),
    ).toEqual([]);
  });

  it('every section any target taking it asks for, also a target that only lists it under 項目 D-2', async () => {
    const files = {
      'statements/shared.md': statement(''),
      'targets/ee.yaml': target('自述段落: [就讀動機, 未來學習計畫]\n項目:\n  D-2: ../statements/shared.md\n'),
      'targets/cs.yaml': target('自述段落: [學習歷程反思, 就讀動機]\n項目:\n  D-2: ../statements/shared.md\n'),
    };
    expect(await sectionFindings(files)).toEqual([
      'statements/shared.md:11:1: error: 缺少「學習歷程反思」段落；請加上「## 學習歷程反思」標題 [section-missing]',
    ]);
  });

  it('says which sections exist when 自述段落 names another', async () => {
    const found = await sectionFindings({ 'statements/ee.md': statement('../targets/ee.yaml'), 'targets/ee.yaml': target('自述段落: [就讀動機, 讀書計畫]\n') });
    expect(found).toContainEqual(
      'targets/ee.yaml:5:14: error: 欄位「自述段落」的值不正確；應為 自述段落的清單：學習歷程反思、就讀動機、未來學習計畫與生涯規劃 [key-type]',
    );
  });
});
