import { join, relative, resolve } from 'node:path';
import { scaffoldUi } from '../../scaffold/messages.js';
import { ScaffoldError } from '../../scaffold/scaffold-error.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Lang } from '../../messages.js';
import type { Command } from '../command.js';
import { err, out, printJson } from '../output.js';

export const initCommand: Command = {
  name: 'init',
  summary: { zh: scaffoldUi.initSummary.zh, en: scaffoldUi.initSummary.en },
  usage: 'licheng init [DIR] [--template PACK] [--student NAME] [--school NAME]',
  options: { template: { type: 'string', short: 't' }, student: { type: 'string' }, school: { type: 'string' } },
  async run({ positionals, values, lang, format }) {
    if (positionals.length > 1) usage(scaffoldUi.tooManyArgs[lang]);
    const dir = positionals[0] ?? '.';
    try {
      const { initPortfolio } = await import('../../scaffold/init-portfolio.js');
      const result = await initPortfolio(dir, {
        template: values.template as string | undefined,
        student: values.student as string | undefined,
        school: values.school as string | undefined,
      });
      if (format === 'json') {
        printJson(result);
        return ExitCode.ok;
      }
      const shown = (path: string) => relative(process.cwd(), resolve(dir, path)) || join(dir, path);
      out(
        ...result.written.map((path) => `${scaffoldUi.created[lang]} ${shown(path)}`),
        ...result.skipped.map((path) => `${scaffoldUi.skipped[lang]} ${shown(path)}`),
      );
      err(scaffoldUi.nextSteps[lang](dir));
      return ExitCode.ok;
    } catch (error) {
      return scaffoldFailure(error, lang);
    }
  },
};

/** A pack or template the user can fix is a usage error (2); a file that cannot be written, 1. */
export function scaffoldFailure(error: unknown, lang: Lang): number {
  if (!(error instanceof ScaffoldError)) throw error;
  if (error.code !== 'write-failed') usage(error.text(lang));
  err(`licheng: ${error.text(lang)}`);
  return ExitCode.documentErrors;
}
