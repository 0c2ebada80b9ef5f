import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { pack } from '../../src/pack/pack.js';
import { bundledFonts } from '../../src/layout/theme.js';
import { parsePdf } from '../helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { materialise } from '../helpers/rule-fixtures.js';

/**
 * Hostile input, confinement and file types (issues #16, #17): licheng reads only regular files
 * inside the portfolio, once symlinks are followed — images, 證明文件, 影音檔, D-3 attachments,
 * the school font, a department's form templates — and says so at the line that names any other.
 */
const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
/** The CLI, with a time limit: a named pipe read as an image would never end. */
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

const png = (color: string) =>
  sharp({ create: { width: 48, height: 32, channels: 3, background: color } })
    .png()
    .toBuffer();
/** Image XObjects embedded in a PDF. */
const imageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
const outside = () => mkdtemp(join(tmpdir(), 'licheng-outside-'));
const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);
/** Diagnostics as `licheng` prints them; in-process (check, build, pack as a library) where exit codes are not the point. */
const printed = (result: { diagnostics: Diagnostic[] }) => result.diagnostics.map((d) => formatDiagnostic(d, 'zh'));

/** A complete portfolio with a target (a B-1 course, a C-5 performance), as the rule fixtures have it. */
async function withTarget(): Promise<string> {
  const root = await materialise('item-missing', 'ok');
  await mkdir(join(root, 'media'));
  return root;
}
const targetFile = (root: string) => join(root, 'targets', 'ntust-csie.yaml');
async function editTarget(root: string, edit: (yaml: string) => string): Promise<void> {
  await writeFile(targetFile(root), edit(await readFile(targetFile(root), 'utf8')));
}

describe('symlinks are followed before the inside-the-portfolio check', () => {
  it('an image linked to a file outside is image-outside at its line and not embedded; a link that stays inside is fine', async () => {
    const away = await outside();
    await writeFile(join(away, 'secret.png'), await png('#d00'));
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(`![祕密](../media/link.png)\n\n![同一張](../media/alias.png)\n\n${sections}`),
      'media/real.png': await png('#0a0'),
    });
    await symlink(join(away, 'secret.png'), join(root, 'media', 'link.png'));
    await symlink('real.png', join(root, 'media', 'alias.png'));
    const expected = [
      'courses/a.md:10:1: error: 圖片「../media/link.png」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將圖片檔本身複製到 media/ 內 [image-outside]',
    ];
    expect(printed(await check(['.'], { cwd: root }))).toEqual(expected);
    expect(printed(await build(['.'], { cwd: root }))).toEqual(expected);
    const pdf = join(root, 'out', 'courses', 'a.pdf');
    // The linked-out picture is never in a PDF (the inside alias may be).
    if (existsSync(pdf)) expect(imageCount(await readFile(pdf))).toBeLessThanOrEqual(1);
  });

  it('the portfolio itself reached through a symlink still finds its own images', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(`![圖](../media/a.png)\n\n${sections}`), 'media/a.png': await png('#00c') });
    const link = join(await outside(), 'portfolio');
    await symlink(root, link);
    const built = run(['build', link], root);
    expect(built.stdout).toBe('');
    expect(built.status).toBe(0);
    expect(imageCount(await readFile(join(root, 'out', 'courses', 'a.pdf')))).toBe(1);
  });

  it('a linked folder under media/ cannot bring in an outside 影音檔 or 證明文件', async () => {
    const away = await outside();
    await writeFile(join(away, 'clip.mp4'), Buffer.alloc(4096, 1));
    await writeFile(join(away, 'award.pdf'), '%PDF-1.4 not really\n');
    const root = await withTarget();
    await symlink(away, join(root, 'media', 'shared'));
    const performance = join(root, 'performances', 'maker-contest.md');
    const text = await readFile(performance, 'utf8');
    await writeFile(performance, text.replace('簡述:', '影音檔: ../media/shared/clip.mp4\n證明文件:\n  - ../media/shared/award.pdf\n簡述:'));
    await editTarget(root, (yaml) => `${yaml}  D-3:\n    - ../media/shared/award.pdf\n`);
    expect(printed(await check(['.'], { cwd: root }))).toEqual([
      'performances/maker-contest.md:8:1: error: 檔案「../media/shared/clip.mp4」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將檔案本身複製到作品集內（例如 media/） [file-outside]',
      'performances/maker-contest.md:10:5: error: 檔案「../media/shared/award.pdf」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將檔案本身複製到作品集內（例如 media/） [file-outside]',
      'targets/ntust-csie.yaml:12:7: error: 檔案「../media/shared/award.pdf」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將檔案本身複製到作品集內（例如 media/） [file-outside]',
    ]);
    await build(['.'], { cwd: root });
    expect(existsSync(join(root, 'out', 'performances', 'maker-contest.mp4'))).toBe(false);
  });
});

describe('only regular files are read', () => {
  it('an image or 證明文件 that is a folder is a diagnostic at its line in check, build and pack — never EISDIR', async () => {
    const root = await withTarget();
    await mkdir(join(root, 'media', 'photos.png'), { recursive: true });
    await mkdir(join(root, 'media', 'award.pdf'), { recursive: true });
    const performance = join(root, 'performances', 'maker-contest.md');
    const text = await readFile(performance, 'utf8');
    await writeFile(performance, text.replace('簡述:', '證明文件:\n  - ../media/award.pdf\n  - ../media/photos.png\n簡述:'));
    const expected = [
      'performances/maker-contest.md:9:5: error: 「../media/award.pdf」不是一般檔案，而是資料夾或其他特殊檔案；請寫出一個檔案的路徑（是資料夾時，例如「../media/award.pdf/檔名.pdf」） [file-not-file]',
      'performances/maker-contest.md:10:5: error: 「../media/photos.png」不是圖片檔，而是資料夾或其他特殊檔案；請寫出一張圖片的路徑（是資料夾時，例如「../media/photos.png/照片.jpg」） [image-not-file]',
    ];
    expect(printed(await check(['.'], { cwd: root }))).toEqual(expected);
    expect(printed(await build(['.'], { cwd: root }))).toEqual(expected);
    const packed = run(['pack'], root);
    expect(packed.stderr).not.toMatch(/internal|內部錯誤|EISDIR/);
    expect(packed.status).toBe(1);
    expect(
      packed.stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('performances/')),
    ).toEqual(expected);
    expect(existsSync(join(root, 'out', 'targets', 'ntust-csie', 'manifest.json'))).toBe(false);
  });

  it('a named pipe as an image or 證明文件 is refused at once, not read forever', async () => {
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(`![管道](../media/pipe.png)\n\n${sections}`),
      'performances/b.md':
        '---\n名稱: 競賽\n類別: C-5\n日期: 2024-04-20\n簡述: 參加競賽。\n證明文件:\n  - ../media/pipe.pdf\n---\n\n## 說明\n\n說明。\n\n## 心得與反思\n\n心得。\n',
    });
    await mkdir(join(root, 'media'));
    mkfifo(join(root, 'media', 'pipe.png'));
    mkfifo(join(root, 'media', 'pipe.pdf'));
    for (const command of ['check', 'build']) {
      const result = run([command], root);
      expect(result.signal, `${command} ended by its time limit`).toBeNull();
      expect(result.stdout).toContain('courses/a.md:10:1: error: 「../media/pipe.png」不是圖片檔');
      expect(result.stdout).toContain('performances/b.md:7:5: error: 「../media/pipe.pdf」不是一般檔案');
      expect(result.status).toBe(1);
    }
  });

  it('a document that is a named pipe is a diagnostic, not a hang', async () => {
    const root = await makePortfolio({});
    await mkdir(join(root, 'courses'));
    mkfifo(join(root, 'courses', 'pipe.md'));
    const result = run(['check', 'courses/pipe.md'], root);
    expect(result.signal).toBeNull();
    expect(result.stdout.trim()).toBe('courses/pipe.md:1:1: error: 無法讀取檔案：這不是一般檔案（是具名管道或裝置）；請另存成一般檔案 [file-unreadable]');
  });
});

describe('the school font (預設.字型)', () => {
  const withFont = async (path: string, files: Record<string, string | Buffer> = {}) => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), ...files });
    await writeFile(join(root, 'portfolio.yaml'), `學生: 林語彤\n預設:\n  字型:\n    一般: ${path}\n`);
    return root;
  };

  it('/dev/zero, directly or through a link, is outside the portfolio: reported at once, never read', async () => {
    for (const path of ['/dev/zero', 'fonts/zero.ttf']) {
      const root = await withFont(path);
      await mkdir(join(root, 'fonts'));
      await symlink('/dev/zero', join(root, 'fonts', 'zero.ttf'));
      const result = run(['check'], root);
      expect(result.signal).toBeNull();
      expect(result.stdout.trim()).toBe(
        `portfolio.yaml:3:3: error: 無法載入字型 ${path}：字型檔在作品集資料夾之外（或是指向外面的連結）；請將字型檔本身複製到作品集內，例如 fonts/ [font-unreadable]`,
      );
      expect(result.status).toBe(1);
    }
  });

  it('a named pipe, a folder, a file over 64 MB, a cut-off TTF: font-unreadable at the key, in check and build', async () => {
    const cut = (await readFile(bundledFonts.serif.regular)).subarray(0, 2_000_000);
    const cases: [string, (root: string) => Promise<void>, string][] = [
      ['fonts/pipe.ttf', async (root) => mkfifo(join(root, 'fonts', 'pipe.ttf')), '這不是一般檔案（是資料夾或特殊檔案）；請寫出字型檔（.ttf、.otf）的路徑'],
      ['fonts/kai', async (root) => void (await mkdir(join(root, 'fonts', 'kai'))), '這不是一般檔案（是資料夾或特殊檔案）；請寫出字型檔（.ttf、.otf）的路徑'],
      ['fonts/huge.ttf', async (root) => truncate(join(root, 'fonts', 'huge.ttf'), 65_000_000), '檔案超過 64 MB，不是可嵌入 PDF 的字型檔'],
      ['fonts/cut.ttf', async (root) => writeFile(join(root, 'fonts', 'cut.ttf'), cut), '不是可用的 TrueType／OpenType 字型檔'],
      ['fonts/tiny.ttf', async (root) => writeFile(join(root, 'fonts', 'tiny.ttf'), cut.subarray(0, 1000)), '不是可用的 TrueType／OpenType 字型檔'],
    ];
    const expected = (path: string, reason: string) => [`portfolio.yaml:3:3: error: 無法載入字型 ${path}：${reason} [font-unreadable]`];
    for (const [path, make, reason] of cases) {
      const root = await withFont(path, { 'fonts/huge.ttf': '' });
      await make(root);
      expect(printed(await check(['.'], { cwd: root })), path).toEqual(expected(path, reason));
      expect(printed(await build(['.'], { cwd: root })), path).toEqual(expected(path, reason));
      // The document is still typeset, in the theme's own font.
      expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(true);
    }
    // The file that is broken is the one named, also when it is the bold face.
    const root = await withFont('fonts/kai.ttf', { 'fonts/kai.ttf': await readFile(bundledFonts.serif.regular), 'fonts/cut.ttf': cut });
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  字型:\n    一般: fonts/kai.ttf\n    粗體: fonts/cut.ttf\n');
    expect(printed(await check(['.'], { cwd: root }))).toEqual(expected('fonts/cut.ttf', '不是可用的 TrueType／OpenType 字型檔'));
  });

  it('one student whose font is /dev/zero does not take the batch down: the others build and the report is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licheng-batch-'));
    for (const id of ['s1', 's2']) {
      await mkdir(join(dir, id, 'courses'), { recursive: true });
      await writeFile(join(dir, id, 'courses', 'a.md'), courseMarkdown(sections));
      await writeFile(join(dir, id, 'portfolio.yaml'), `學生: ${id}\n${id === 's2' ? '預設:\n  字型:\n    一般: /dev/zero\n' : ''}`);
    }
    await writeFile(join(dir, 'roster.csv'), 'id,name,path\n1001,甲,s2\n1002,乙,s1\n');
    const result = run(['batch', 'roster.csv', '--jobs', '2'], dir);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as {
      students: { id: string; status: string; diagnostics: { ruleId: string }[] }[];
    };
    expect(report.students.map((s) => [s.id, s.status])).toEqual([
      ['1001', 'errors'],
      ['1002', 'ok'],
    ]);
    expect(report.students[0]!.diagnostics.map((d) => d.ruleId)).toContain('font-unreadable');
    expect(existsSync(join(dir, 'out', '1002', 'courses', 'a.pdf'))).toBe(true);
  });
});

describe('a target’s form templates (範本)', () => {
  it('a template folder outside the portfolio is file-outside at the 範本 key; its text never reaches D-3.pdf', async () => {
    const away = await outside();
    await writeFile(join(away, 'formA.md.hbs'), '# 外部範本 OUTSIDE-SECRET\n');
    const root = await withTarget();
    await editTarget(root, (yaml) => yaml.replace('招生學年度: 114\n', `招生學年度: 114\n範本: ${away}\n`));
    const expected = [
      `targets/ntust-csie.yaml:6:1: error: 檔案「${away}」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將檔案本身複製到作品集內（例如 media/） [file-outside]`,
    ];
    expect(printed(await check(['.'], { cwd: root }))).toEqual(expected);
    expect(printed(await pack(['.'], { cwd: root }))).toEqual(expected);
    const d3 = join(root, 'out', 'targets', 'ntust-csie', 'D-3.pdf');
    if (existsSync(d3)) expect((await parsePdf(await readFile(d3))).pageTexts.join('')).not.toContain('OUTSIDE-SECRET');
  });

  it('a Handlebars syntax error or a missing partial is a diagnostic at the template, in check and pack; no half bundle', async () => {
    const root = await withTarget();
    await mkdir(join(root, 'forms'));
    await writeFile(join(root, 'forms', 'formA.md.hbs'), '# 表A\n\n{{#each fields}}\n## {{label}}\n');
    await writeFile(join(root, 'forms', 'formB.md.hbs'), '# 表B\n\n{{> 系上說明}}\n');
    await editTarget(root, (yaml) => yaml.replace('招生學年度: 114\n', '招生學年度: 114\n範本: ../forms\n'));
    const expected = [
      "forms/formA.md.hbs:5:1: error: 校系範本無法套用：Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'；請修正這個範本檔（{{#if}} 與 {{/if}} 要成對，{{> 名稱}} 用到的部分範本要存在），或從目標檔刪去「範本」改用內建表格 [form-template-invalid]",
      'forms/formB.md.hbs:1:1: error: 校系範本無法套用：The partial 系上說明 could not be found；請修正這個範本檔（{{#if}} 與 {{/if}} 要成對，{{> 名稱}} 用到的部分範本要存在），或從目標檔刪去「範本」改用內建表格 [form-template-invalid]',
    ];
    expect(printed(await check(['.'], { cwd: root }))).toEqual(expected);
    const packed = run(['pack'], root);
    expect(packed.stderr).not.toMatch(/internal|內部錯誤/);
    expect(packed.stdout.trim().split('\n')).toEqual(expected);
    expect(packed.status).toBe(1);
    expect(existsSync(join(root, 'out', 'targets', 'ntust-csie'))).toBe(false);
  });
});

describe('documents that discovery leaves out are said, or built', () => {
  it('builds courses/media/ and courses/out/, and a linked .md that stays inside; warns at a link that leads out or a linked folder', async () => {
    const away = await outside();
    await writeFile(join(away, 'c.md'), courseMarkdown(sections));
    await mkdir(join(away, 'more'));
    const root = await makePortfolio({
      'courses/media/a.md': courseMarkdown(sections),
      'courses/out/b.md': courseMarkdown(sections),
      'drafts/real.md': courseMarkdown(sections, { 種類: '課程學習成果' }),
    });
    await symlink('../drafts/real.md', join(root, 'courses', 'linked.md'));
    await symlink(join(away, 'c.md'), join(root, 'courses', 'c.md'));
    await symlink(join(away, 'more'), join(root, 'courses', 'more'));
    expect(printed(await build(['.'], { cwd: root }))).toEqual([
      'courses/c.md:1:1: warning: 這份文件沒有建置：它是指向作品集資料夾之外的連結；請把檔案本身移進作品集 [document-skipped]',
      'courses/more:1:1: warning: 這份文件沒有建置：它是連結的資料夾，licheng 不會進入；請把文件直接放進作品集的資料夾 [document-skipped]',
    ]);
    const built = (await readdir(join(root, 'out', 'courses'), { recursive: true })).filter((n) => n.endsWith('.pdf')).sort();
    expect(built).toEqual(['linked.pdf', join('media', 'a.pdf'), join('out', 'b.pdf')]);
  });
});

describe('D-3 attachments that cannot be decoded', () => {
  it('a cut-off JPEG is a diagnostic at its item in pack (or at its document), never an internal error, and no half bundle', async () => {
    const root = await withTarget();
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    await writeFile(join(root, 'media', 'scan.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    await editTarget(root, (yaml) => `${yaml}  D-3:\n    - ../media/scan.jpg\n`);
    const course = join(root, 'courses', 'roll-call.md');
    await writeFile(course, (await readFile(course, 'utf8')).replace('## 心得與反思', '![掃描](../media/scan.jpg)\n\n## 心得與反思'));
    const packed = run(['pack'], root);
    expect(packed.stderr).not.toMatch(/internal|內部錯誤/);
    expect(packed.stdout).toMatch(
      /^targets\/ntust-csie\.yaml:12:7: error: 圖片「\.\.\/media\/scan\.jpg」損毀、不完整或不是圖片檔，無法解碼.+ \[image-undecodable\]$/m,
    );
    expect(packed.stdout).toMatch(/^courses\/roll-call\.md:\d+:1: error: .+ \[(render-failed|image-undecodable)\]$/m);
    expect(packed.status).toBe(1);
    expect(existsSync(join(root, 'out', 'targets', 'ntust-csie'))).toBe(false);
  });
});
