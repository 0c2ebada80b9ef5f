import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../build.js';
import { seededRandom as prng } from './random.js';

/**
 * Generated benchmark documents: text-only course outcomes in realistic Traditional Chinese
 * (mixed with Latin words and digits), with headings, a list and a table. Deterministic per seed,
 * so runs are comparable; `processSentences` sets the length.
 */

const subjects = [
  ['物理', '用 Arduino 量測單擺週期與重力加速度'],
  ['資訊科技', '以 Python 分析校園用電資料'],
  ['化學', '自製 pH 試紙與酸鹼滴定實驗'],
  ['數位邏輯', '從真值表到 FPGA 的七段顯示器'],
  ['英文', 'Podcast 製作：訪談社區老店'],
  ['地理', '用 QGIS 繪製通學路線安全地圖'],
  ['生物', '校園植物的 DNA 條碼鑑定'],
  ['程式設計', '圖書館借閱系統的資料結構設計'],
] as const;

const teachers = ['陳志明', '林佳蓉', 'Kevin Lee', '黃淑芬', '王建宏'];

const sentences = [
  '這門課的期末任務要求我們自訂一個問題，並在 8 週內用實驗或資料回答它。',
  '老師在第一堂課就說明評分方式：實驗設計占 40%，資料分析占 30%，書面報告與口頭發表各占 15%。',
  '我一開始選的題目範圍太大，老師建議我先縮小到一個可以在教室裡重複測量的現象。',
  '於是我把研究問題改寫成一句話，並列出三個可以量化的變因。',
  '第一次測量時，我發現同一組條件下的數據竟然相差將近 12%，完全無法拿來比較。',
  '我回頭檢查步驟，才注意到計時是靠手按碼表，反應時間本身就有 0.2 秒左右的誤差。',
  '為了降低人為誤差，我改用感測器自動記錄，並把取樣頻率設定為每秒 50 次。',
  '換了方法之後，十次重複測量的標準差從 0.31 降到 0.04，結果穩定許多。',
  '整理數據時，我第一次使用 Google Sheets 的樞紐分析表，也學會了用散布圖觀察趨勢。',
  '有一組數據明顯偏離其他點，我沒有直接刪掉，而是重做一次實驗確認它是否為操作失誤。',
  '後來證實是那天的接線鬆脫，我把這個經驗寫進實驗紀錄，提醒自己每次開始前先檢查線路。',
  '在期中檢討時，同組的同學提出另一種解釋，我們花了一節課討論，最後決定兩種假設都要驗證。',
  '這讓我明白，好的實驗不只是得到漂亮的數字，更重要的是能排除其他可能的原因。',
  '我也試著把結果和課本上的理論值比較，誤差大約在 3% 以內，算是合理的範圍。',
  '為了讓報告更有說服力，我查閱了兩篇相關的期刊文章，並引用其中的測量方法。',
  '其中一篇論文使用 MATLAB 做迴歸分析，我則改用 Python 的 numpy 重現同樣的計算。',
  '寫程式的過程中遇到不少錯誤訊息，我學會先讀懂 traceback，再到官方文件查函式的用法。',
  '每週五放學後，我固定花一個小時整理當週的紀錄，並寫下下一步要改進的地方。',
  '老師批改第一版報告時，在「研究限制」這一段畫了很多問號，提醒我要誠實說明資料的不足。',
  '我重新寫了那一段，列出樣本數只有 30 筆、測量時間集中在下午等三個限制。',
  '口頭發表前，我請家人當聽眾預演了兩次，把原本 12 分鐘的內容濃縮到 7 分鐘。',
  '發表當天有同學問到溫度是否會影響結果，我當場承認沒有控制這個變因，並說明之後的改進方式。',
  '課後我真的補做了一組不同室溫下的測量，發現溫度的影響小於 1%，可以忽略。',
  '這次經驗讓我體會到，科學的結論永遠是暫時的，需要隨著新的證據修正。',
  '我也發現自己比想像中更喜歡處理資料，看到雜亂的數字慢慢排出規律時特別有成就感。',
  '相較於高一時只會照著講義做實驗，現在的我會先問「為什麼要這樣做」再動手。',
  '和組員分工時，我們用 Trello 管理進度，每個人負責的項目都寫清楚截止日期。',
  '有一週因為段考壓力，進度落後了將近五天，我們只好調整計畫，先完成最關鍵的測量。',
  '這個過程讓我學會在有限的時間內排定優先順序，而不是每件事都想做到完美。',
  '最後的書面報告共 15 頁，包含 6 張圖表與一份完整的原始數據附錄。',
  '老師在評語中肯定了我處理異常值的方式，也建議我下次可以先做小規模的預試驗。',
  '回想整學期，最大的收穫不是最後的分數，而是學會如何把一個模糊的好奇變成可以回答的問題。',
  '未來我希望就讀電機或資訊相關科系，繼續學習感測器與資料分析的整合應用。',
  '我也打算參加明年的科展，把這次沒有時間深入的部分，例如長時間的穩定性，做成新的研究。',
  '如果重來一次，我會更早開始寫實驗日誌，而不是等到報告前才回頭拼湊細節。',
  '這門課讓我知道，犯錯並不可怕，可怕的是沒有記錄下來，下次又犯同樣的錯。',
];

function paragraphs(next: () => number, count: number, perParagraph = 4): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i += perParagraph) {
    const n = Math.min(perParagraph, count - i);
    out.push(Array.from({ length: n }, () => sentences[Math.floor(next() * sentences.length)]).join(''));
  }
  return out;
}

/** One course outcome's Markdown; `processSentences` is the knob that sets its length. */
export function courseMarkdown(seed: number, processSentences: number): string {
  const next = prng(seed);
  const [course, title] = subjects[seed % subjects.length]!;
  const teacher = teachers[seed % teachers.length]!;
  const half = Math.ceil(processSentences / 2);
  return [
    '---',
    `成果名稱: ${title}（${seed + 1}）`,
    '類別: B-2',
    `科目名稱: ${course}`,
    '學年度: 112',
    `學期: ${(seed % 2) + 1}`,
    '學分數: 2',
    `授課教師: ${teacher}`,
    '簡述: 我自訂研究問題，經過兩次修正實驗方法，把測量誤差從 12% 降到 3% 以內，並完成 15 頁的書面報告與 7 分鐘口頭發表。',
    '---',
    '',
    '## 課程說明',
    '',
    ...paragraphs(next, 6, 3).flatMap((p) => [p, '']),
    '## 學習過程',
    '',
    '### 第一階段：找出問題與設計實驗',
    '',
    ...paragraphs(next, half).flatMap((p) => [p, '']),
    '我把每週的工作整理成以下幾個步驟：',
    '',
    '1. **提出問題**：把好奇心寫成一句可以量測的研究問題；',
    '2. **設計實驗**：列出自變因、應變因與控制變因，並估計需要 30 組數據；',
    '3. **預試驗**：先做 5 次小規模測量，確認儀器與流程可行；',
    '4. **正式測量**：每個條件重複 10 次，記錄在 CSV 檔；',
    '5. **分析與檢討**：用 Python 計算平均值、標準差，並繪製圖表。',
    '',
    '| 階段 | 週次 | 主要工作 | 成果 |',
    '| --- | ---: | --- | --- |',
    '| 預試驗 | 1–2 | 確認儀器與流程 | 5 筆測試數據 |',
    '| 第一次測量 | 3–4 | 手動計時 | 誤差約 12% |',
    '| 改良方法 | 5–6 | 改用感測器自動記錄 | 標準差 0.04 |',
    '| 報告與發表 | 7–8 | 撰寫報告、口頭發表 | 15 頁報告 |',
    '',
    '### 第二階段：改良方法與分析資料',
    '',
    ...paragraphs(next, processSentences - half).flatMap((p) => [p, '']),
    '## 心得與反思',
    '',
    ...paragraphs(next, 8).flatMap((p) => [p, '']),
  ].join('\n');
}

const portfolioYaml = ['學生: 林語彤', '學校: 臺北市立示範高級工業職業學校', '科別: 電機與電子群 資訊科', '班級: 三年二班', ''].join('\n');

/** A temporary portfolio holding `count` course outcomes (seeds `firstSeed`…); returns the folder and the files. */
export async function writePortfolio(count: number, processSentences: number, firstSeed = 0): Promise<{ root: string; files: string[] }> {
  const root = await mkdtemp(join(tmpdir(), 'licheng-bench-'));
  await mkdir(join(root, 'courses'));
  await writeFile(join(root, 'portfolio.yaml'), portfolioYaml);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(root, 'courses', `course-${String(i + 1).padStart(3, '0')}.md`);
    await writeFile(file, courseMarkdown(firstSeed + i, processSentences));
    files.push(file);
  }
  return { root, files };
}

/** Page count of the one document in a build, read back from manifest.json as a user would. */
export async function pagesOf(file: string, outDir: string): Promise<number> {
  const result = await build([file], { outDir });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`fixture does not build: ${errors.map((d) => d.ruleId).join(', ')}`);
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as { documents: { pdf: { pages: number } | null }[] };
  return manifest.documents[0]?.pdf?.pages ?? 0;
}

/**
 * The range of `processSentences` whose document is exactly `pages` pages, found by binary search
 * (pages grow with length). `max` is the fullest such document: an upper bound for that page count.
 */
export async function tuneLength(seed: number, pages: number): Promise<{ min: number; max: number; file: string; root: string }> {
  const { root, files } = await writePortfolio(1, 0, seed);
  const file = files[0]!;
  const outDir = join(root, 'out');
  const pagesAt = async (n: number) => {
    await writeFile(file, courseMarkdown(seed, n));
    return pagesOf(file, outDir);
  };
  // The first length whose page count exceeds `limit`; pagesAt(0) <= limit < pagesAt(400) is checked.
  const firstAbove = async (limit: number) => {
    let lo = 0;
    let hi = 400;
    if ((await pagesAt(lo)) > limit || (await pagesAt(hi)) <= limit) throw new Error(`cannot tune a ${pages}-page document`);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((await pagesAt(mid)) <= limit) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  const min = await firstAbove(pages - 1);
  const max = (await firstAbove(pages)) - 1;
  if (min > max || (await pagesAt(max)) !== pages) throw new Error(`no length gives exactly ${pages} pages`);
  return { min, max, file, root };
}
