import { describe, expect, it } from 'vitest';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

/** YAML files of a portfolio are read only from inside it, as every other file it names. */
describe('a target or portfolio.yaml that links out of the portfolio', () => {
  it('is not read: an error at the file, in English too, and nothing of it reaches the checks', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'licheng-outside-'));
    await writeFile(join(outside, 'secret.yaml'), '學校: 秘密大學\n系所: 機密系\n管道: 甄選入學\n招生學年度: 115\n');
    await writeFile(join(outside, 'portfolio.yaml'), '學生: 別人\n學校: 別校\n');
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'targets/.keep': '' }, false);
    await symlink(join(outside, 'secret.yaml'), join(root, 'targets', 'leak.yaml'));
    await symlink(join(outside, 'portfolio.yaml'), join(root, 'portfolio.yaml'));
    const { diagnostics } = await check(['.'], { cwd: root });
    const lines = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, 'zh'));
    expect(lines).toEqual([
      'portfolio.yaml:1:1: error: 無法讀取檔案：它是指向作品集外的連結；請把檔案本身放進作品集 [file-unreadable]',
      'targets/leak.yaml:1:1: error: 無法讀取檔案：它是指向作品集外的連結；請把檔案本身放進作品集 [file-unreadable]',
    ]);
    expect(formatDiagnostic(diagnostics.find((d) => d.file === 'targets/leak.yaml')!, 'en')).toContain(
      'cannot read the file: it links to a file outside the portfolio',
    );
    expect(JSON.stringify(diagnostics)).not.toMatch(/秘密大學|別人/);
  });
});
