import { hasErrors } from '../../diagnostics.js';
import { ExitCode } from '../cli-error.js';
import { printDiagnostics } from '../output.js';
import type { Command } from '../command.js';

export const checkCommand: Command = {
  name: 'check',
  summary: { zh: '檢查文件與報考校系，列出問題；不修改任何檔案', en: 'validate documents and targets; print diagnostics; change nothing' },
  usage: 'licheng check [PATH…] [--format text|json] [--lang zh|en]',
  options: {},
  async run({ positionals, lang, format }) {
    const { check } = await import('../../check.js');
    const result = await check(positionals);
    printDiagnostics(result.diagnostics, format, lang);
    return hasErrors(result.diagnostics) ? ExitCode.documentErrors : ExitCode.ok;
  },
};
