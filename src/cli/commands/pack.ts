import { relative } from 'node:path';
import { hasErrors } from '../../diagnostics.js';
import { ExitCode } from '../cli-error.js';
import { err, printDiagnostics, progressLine } from '../output.js';
import type { Command } from '../command.js';

const words = {
  zh: { ok: '已打包', failed: '未打包（請先修正錯誤）', files: '個檔案' },
  en: { ok: 'packed', failed: 'not packed (fix the errors first)', files: 'files' },
};

export const packCommand: Command = {
  name: 'pack',
  summary: { zh: '依報考校系打包上傳檔案（各類別 PDF、表A／表B、檢查清單）', en: 'the upload bundle of each target: category PDFs, 表A/表B, a checklist' },
  usage: 'licheng pack [PATH…] [--target FILE…] [-o DIR]',
  options: { out: { type: 'string', short: 'o' }, target: { type: 'string', short: 't', multiple: true } },
  async run({ positionals, values, lang, format }) {
    const { pack } = await import('../../pack/pack.js');
    const progress = format === 'text' ? progressLine(lang) : undefined;
    const result = await pack(positionals, {
      outDir: values.out as string | undefined,
      targets: values.target as string[] | undefined,
      onProgress: progress?.report,
    }).finally(() => progress?.done());
    printDiagnostics(result.diagnostics, format, lang);
    if (format === 'text') {
      for (const b of result.bundles) {
        const where = relative(process.cwd(), b.dir) || '.';
        err(b.ok ? `${words[lang].ok} ${b.target} → ${where}（${b.files.length} ${words[lang].files}）` : `${words[lang].failed}: ${b.target}`);
      }
    }
    return hasErrors(result.diagnostics) ? ExitCode.documentErrors : ExitCode.ok;
  },
};
