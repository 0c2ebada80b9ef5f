import { relative } from 'node:path';
import { scaffoldUi } from '../../scaffold/messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { scaffoldFailure } from './init.js';

export const newCommand: Command = {
  name: 'new',
  summary: { zh: scaffoldUi.newSummary.zh, en: scaffoldUi.newSummary.en },
  usage: 'licheng new KIND FILE [--template PACK]   (KIND: course, performance, summary, statement, target)',
  options: { template: { type: 'string', short: 't' } },
  async run({ positionals, values, lang, format }) {
    const [kind, file, ...rest] = positionals;
    if (!kind || !file || rest.length) usage(scaffoldUi.newMissingArgs[lang]);
    try {
      const { newDocument } = await import('../../scaffold/new-document.js');
      const { path } = await newDocument(kind, file, { template: values.template as string | undefined });
      const shown = relative(process.cwd(), path) || path;
      process.stdout.write(format === 'json' ? `${JSON.stringify({ written: [shown] })}\n` : `${scaffoldUi.created[lang]} ${shown}\n`);
      return ExitCode.ok;
    } catch (error) {
      return scaffoldFailure(error, lang);
    }
  },
};
