import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const portfolioYaml = '學生: 林語彤\n學校: 示範高中\n';

/** A course outcome's front matter (Chinese keys, as the templates write them) with overrides. */
export function courseMarkdown(body: string, frontMatter: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    成果名稱: '測試成果',
    類別: 'B-2',
    科目名稱: '國語文',
    學年度: '112',
    學期: '1',
    簡述: '這是一段簡述。',
    ...frontMatter,
  };
  const yaml = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\n\n${body}`;
}

/** A reflection with all four moves (經歷 → 發現 → 學習 → 影響), long enough to draw no writing advice. */
export const reflection =
  '經歷了三週的實驗，我發現資料比直覺可靠。我學到先量測再下結論，這也影響了我之後做每一份報告的方式，未來我會先設計對照組、記錄每一次的參數變化，再動手修改程式。下學期的專題我也打算照這個方法進行。';

export const sections = `## 課程說明\n\n說明文字。\n\n## 學習過程\n\n過程文字。\n\n## 心得與反思\n\n${reflection}\n`;

/** Writes files (path → content) into a fresh portfolio folder with a portfolio.yaml. */
export async function makePortfolio(files: Record<string, string | Buffer>, withPortfolioYaml = true): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'licheng-test-'));
  if (withPortfolioYaml) await writeFile(join(root, 'portfolio.yaml'), portfolioYaml);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}
