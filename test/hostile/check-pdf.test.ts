import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { parsePdf } from '../helpers/pdf.js';

/** Hostile input, area `check`: PDFs someone else made, as 證明文件 and as D-3 attachments. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
const errors = (output: string) => output.split('\n').filter((line) => line.includes(': error: '));

/** A one-page PDF by pdfkit (what pdfmake writes with), encrypted as its options say. */
function certificate(options: object): Promise<Buffer> {
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (options: object) => NodeJS.EventEmitter & { text(t: string): void; end(): void };
  const document = new PDFDocument(options);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  document.text('Award certificate 2024');
  document.end();
  return new Promise((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
}

/** Printable, not editable: opens in every reader without a password. */
const ownerOnly = (pdfVersion: string) => certificate({ pdfVersion, ownerPassword: 'teacher', permissions: { printing: 'highResolution' } });

const performance = (evidence: string[]) =>
  `---\n名稱: 科展\n類別: C-5\n日期: 2024-03-01\n簡述: 參加科展。\n證明文件:\n${evidence.map((e) => `  - ${e}\n`).join('')}---\n\n## 說明\n\n說明。\n\n## 心得與反思\n\n心得。\n`;

const target = (attachments: string[]) =>
  '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n  D-3:\n' +
  attachments.map((a) => `    - ${a}\n`).join('');

describe('PDFs as 證明文件 and D-3 attachments', () => {
  it('accepts PDFs with only an owner password (RC4 and AES alike) and appends their real pages', async () => {
    const versions = ['1.3', '1.4', '1.6', '1.7ext3'];
    const files = Object.fromEntries(await Promise.all(versions.map(async (v) => [`media/award-${v}.pdf`, await ownerOnly(v)] as const)));
    const root = await makePortfolio({ ...files, 'performances/award.md': performance(versions.map((v) => `../media/award-${v}.pdf`)) });
    const built = run(['build'], root);
    expect(built.stdout + built.stderr).not.toMatch(/error|Trying to parse|Encrypted/);
    expect(built.status).toBe(0);
    const pdf = await parsePdf(readFileSync(join(root, 'out', 'performances', 'award.pdf')));
    // Each page between the running header and the page number, as every page of the document has.
    expect(pdf.pageTexts.slice(-4).map((text) => text.split('\n').slice(1, -1).join('\n').trim())).toEqual(versions.map(() => 'Award certificate 2024'));
  });

  it('reports a PDF that needs a password to open, or is damaged, at its item in check, build and pack, without pdf-lib’s own lines', async () => {
    const locked = await certificate({ pdfVersion: '1.7ext3', userPassword: 'secret', ownerPassword: 'teacher' });
    const whole = await ownerOnly('1.4');
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'performances/award.md': performance(['../media/locked.pdf', '../media/cut.pdf']),
      'targets/t.yaml': target(['../media/locked.pdf', '../media/cut.pdf', '../media/fine.pdf']),
      'media/locked.pdf': locked,
      'media/cut.pdf': whole.subarray(0, whole.length >> 1),
      'media/fine.pdf': whole,
    });
    const expected = [
      'performances/award.md:7:5: error: PDF「../media/locked.pdf」要輸入密碼才能開啟，審查者也打不開；請用閱讀程式開啟後另存一份沒有開啟密碼的 PDF（例如「列印 › 另存為 PDF」） [evidence-undecodable]',
      'performances/award.md:8:5: error: 無法讀取 PDF「../media/cut.pdf」（可能已損毀或有密碼）；請重新掃描或另存成 PDF [evidence-undecodable]',
      'targets/t.yaml:9:7: error: PDF「../media/locked.pdf」要輸入密碼才能開啟，審查者也打不開；請用閱讀程式開啟後另存一份沒有開啟密碼的 PDF（例如「列印 › 另存為 PDF」） [evidence-undecodable]',
      'targets/t.yaml:10:7: error: 無法讀取 PDF「../media/cut.pdf」（可能已損毀或有密碼）；請重新掃描或另存成 PDF [evidence-undecodable]',
    ];
    const checked = run(['check'], root);
    expect(errors(checked.stdout)).toEqual(expected);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(1);
    const built = run(['build'], root);
    expect(errors(built.stdout)).toEqual(expected.slice(0, 2));
    expect(built.stderr).not.toMatch(/Trying to parse|Invalid object/);
    expect(built.status).toBe(1);
    const packed = run(['pack'], root);
    expect(errors(packed.stdout)).toEqual(expect.arrayContaining(expected.slice(2)));
    expect(packed.stderr).not.toMatch(/Trying to parse|Invalid object/);
    expect(packed.status).toBe(1);
  });
});
