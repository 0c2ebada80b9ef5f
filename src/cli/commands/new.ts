import { relative } from 'node:path';
import { scaffoldUi } from '../../scaffold/messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { out, printJson } from '../output.js';
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
      if (format === 'json') printJson({ written: [shown] });
      else out(`${scaffoldUi.created[lang]} ${shown}`);
      return ExitCode.ok;
    } catch (error) {
      return scaffoldFailure(error, lang);
    }
  },
};
