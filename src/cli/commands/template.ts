import { relative } from 'node:path';
import { scaffoldUi } from '../../scaffold/messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { printDiagnostics } from '../output.js';
import { scaffoldFailure } from './init.js';

export const templateCommand: Command = {
  name: 'template',
  summary: scaffoldUi.templateSummary,
  usage: 'licheng template check PACK [-o DIR]   (PACK: a folder, a .zip, or a built-in pack such as physics-inquiry)',
  options: { output: { type: 'string', short: 'o' } },
  async run({ positionals, values, lang, format }) {
    const [verb, spec, ...rest] = positionals;
    if (verb !== 'check' || !spec || rest.length) usage(scaffoldUi.templateUsage[lang]);
    try {
      const { checkPack } = await import('../../scaffold/check-pack.js');
      const result = await checkPack(spec, { outDir: values.output as string | undefined });
      printDiagnostics(result.diagnostics, format, lang);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      if (format === 'text') {
        const dir = relative(process.cwd(), result.dir) || '.';
        for (const p of result.previews) process.stderr.write(`${scaffoldUi.previewed[lang](p.template, `${dir}/${p.pdf}`, p.pages)}\n`);
        process.stderr.write(`${errors ? scaffoldUi.packProblems[lang](result.pack.name, errors) : scaffoldUi.packOk[lang](result.pack.name)}\n`);
      }
      return errors ? ExitCode.documentErrors : ExitCode.ok;
    } catch (error) {
      return scaffoldFailure(error, lang);
    }
  },
};
