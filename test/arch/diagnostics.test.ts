import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { makePortfolio } from '../helpers/portfolio.js';

const repo = join(import.meta.dirname, '..', '..');

describe('one diagnostics model', () => {
  it('types every message id and its arguments, and a rule its own messages (test/arch/types/diagnostics-types.ts)', () => {
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(import.meta.dirname, 'types', 'tsconfig.json')], { cwd: repo, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('says nothing in Chinese in English output that is not a name the student wrote', async () => {
    const root = await makePortfolio({
      'courses/a.md':
        '---\n成果名稱: 測試\n類別: B-2\n科目名稱: 國語文\n學年度: 112\n學期: 1\n簡述: 簡述。\n---\n\n## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n很好。\n',
      'notes.pdf': Buffer.from('%PDF-1.4\n%%EOF\n'),
      'targets/t.yaml': '學校: 測試大學\n系所: 測試系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-2: ../courses/a.md\n  C: ../notes.pdf\n',
    });
    const lines = (await check(['.'], { cwd: root })).diagnostics.map((d) => formatDiagnostic(d, 'en'));
    const wrongKind = lines.find((line) => line.endsWith('[item-wrong-kind]'));
    expect(wrongKind).toContain('is not a portfolio document');
    const thin = lines.find((line) => line.endsWith('[reflection-thin]'));
    expect(thin).toMatch(/missing: what happened, what you found, what you learned, what it changed/);
    // Beyond the names the student wrote (the file's path, its headings), no Han character is left.
    for (const line of [wrongKind!, thin!]) expect(line.replace(/^[^:]+:\d+:\d+: /, '').replace(/\[[a-z0-9-]+\]$/, '')).not.toMatch(/\p{Script=Han}/u);
  });
});
