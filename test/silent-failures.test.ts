import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { parsePdf } from './helpers/pdf.js';
import { materialise } from './helpers/rule-fixtures.js';

describe('nothing a student wrote reaches the PDF as Markdown syntax', () => {
  it('places an image whose path has a space (a phone photo’s name) and says how to write it', async () => {
    const root = await materialise('image-path-space', 'not-ok');
    const result = await build(['.'], { cwd: root });
    expect(result.diagnostics.map((d) => formatDiagnostic(d, 'zh'))).toEqual([
      'courses/roll-call.md:20:1: warning: 圖片路徑「../media/roll call ui.png」有空格，Markdown 不認得（licheng 仍會放入這張圖）；請寫成 ![說明](<../media/roll call ui.png>)，或把空格改成 %20 [image-path-space]',
    ]);
    const bytes = await readFile(join(root, 'out', 'courses', 'roll-call.pdf'));
    const pdf = await parsePdf(bytes);
    expect(pdf.pageTexts.join('\n')).not.toContain('![');
    expect(pdf.pageTexts.join('\n')).toContain('點名小工具的按鈕介面');
    expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });
});
