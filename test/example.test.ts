import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildResult } from '../src/build.js';
import { parsePdf, type ParsedPdf } from './helpers/pdf.js';

const example = join(import.meta.dirname, '..', 'examples', 'portfolio');

describe('the example portfolio', () => {
  let result: BuildResult;
  let out: string;
  let team: ParsedPdf;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'licheng-example-'));
    result = await build([example], { outDir: out });
    team = await parsePdf(await readFile(join(out, 'courses', 'smart-watering.pdf')));
  });

  it('builds every document without errors or warnings and mirrors the source tree', () => {
    expect(result.diagnostics).toEqual([]);
    const docs = result.portfolios[0]!.documents;
    expect(docs.map((d) => d.pdf?.path).sort()).toEqual([
      'courses/english-speech.pdf',
      'courses/smart-watering.pdf',
      'performances/maker-contest.pdf',
      'statements/ntust-ee.pdf',
      'summary.pdf',
    ]);
  });

  it('writes a manifest with source, kind, code, title, 簡述 and pdf facts', async () => {
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const doc = manifest.documents.find((d: { source: string }) => d.source === 'courses/smart-watering.md');
    expect(doc).toMatchObject({
      kind: 'course',
      code: 'B-1',
      title: '以 Arduino 打造的智慧澆花系統',
      pdf: { path: 'courses/smart-watering.pdf', pages: team.pages },
    });
    expect(doc.summary).toMatch(/^我們三人以 Arduino/);
    expect(doc.pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.pdf.bytes).toBeLessThanOrEqual(4_000_000);
  });

  it('puts title, author, subject and language in the metadata', () => {
    expect(team.info.Title).toBe('以 Arduino 打造的智慧澆花系統');
    expect(team.info.Author).toBe('林語彤');
    expect(team.info.Subject).toBe('B-1 專題實作及實習科目學習成果');
    expect(team.info.Creator).toBe('licheng');
    expect(team.lang).toBe('zh-Hant-TW');
  });

  it('embeds subset fonts, and the text copies out as the original characters', () => {
    expect(team.fonts.length).toBeGreaterThan(0);
    // The CJK face, and the mono face for the code it shows.
    for (const font of team.fonts) expect(font).toMatch(/^[A-Z]{6}\+(NotoSansTC-(Regular|Bold)|NotoSansMono-Regular)$/);
    expect(team.embeddedFontFiles).toBe(team.fonts.length);
    const text = team.pageTexts.join('\n');
    expect(text).toContain('以 Arduino 打造的智慧澆花系統');
    expect(text).toContain('土壤濕度低於 45% 時自動啟動水泵');
    expect(text).toContain('這次專題讓我第一次體會到');
  });

  it('shows the title block, the 簡述 and the running header and footer', () => {
    const first = team.pageTexts[0]!;
    expect(first).toContain('112 學年度第 1 學期');
    expect(first).toContain('B-1 專題實作及實習科目學習成果');
    expect(first).toContain('團體（3 人）');
    expect(first).toContain('簡述');
    team.pageTexts.forEach((page, i) => {
      expect(page).toContain('林語彤・臺北市立示範高級工業職業學校');
      expect(page).toContain(`第 ${i + 1} 頁／共 ${team.pages} 頁`);
    });
  });

  it('generates the contribution table from team, the student marked', () => {
    const text = team.pageTexts.join('\n');
    expect(text).toMatch(/林語彤（本人）\s*感測器校正、程式撰寫與資料分析\s*40%/);
    expect(text).toMatch(/張家豪\s*電路焊接與外殼設計\s*35%/);
  });

  it('has an outline: the title, then its headings', () => {
    expect(team.outline).toHaveLength(1);
    expect(team.outline[0]!.title).toBe('以 Arduino 打造的智慧澆花系統');
    expect(team.outline[0]!.children).toEqual(expect.arrayContaining(['作品說明', '製作過程', '第一階段：感測器的讀值忽高忽低', '心得與反思', '個人貢獻度']));
  });

  it('captions images with their alt text', () => {
    expect(team.pageTexts.join('\n')).toContain('圖 1 系統全貌：左為盆栽與水管，右為 Arduino 控制板');
  });

  it('is byte-identical when built twice', async () => {
    const again = await mkdtemp(join(tmpdir(), 'licheng-example-'));
    await build([example], { outDir: again });
    for (const name of ['courses/smart-watering.pdf', 'courses/english-speech.pdf', 'performances/maker-contest.pdf', 'manifest.json']) {
      expect((await readFile(join(again, name))).equals(await readFile(join(out, name))), name).toBe(true);
    }
  });
});
