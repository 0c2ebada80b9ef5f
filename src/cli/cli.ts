import { parseArgs } from 'node:util';
import type { Lang } from '../messages.js';
import { CLIError, ExitCode, usage } from './cli-error.js';
import type { Command } from './command.js';
import type { Format } from './output.js';
import { buildCommand } from './commands/build.js';
import { initCommand } from './commands/init.js';
import { newCommand } from './commands/new.js';
import { compressCommand } from './commands/compress.js';
import { checkCommand } from './commands/check.js';
import { packCommand } from './commands/pack.js';
import { batchCommand } from './commands/batch.js';
import { templateCommand } from './commands/template.js';

const commands: Command[] = [initCommand, newCommand, checkCommand, buildCommand, packCommand, compressCommand, batchCommand, templateCommand];

const common = {
  lang: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function help(lang: Lang, command?: Command): string {
  if (command) return `${command.usage}\n\n${command.summary[lang]}\n\n--lang zh|en  --format text|json  --help\n`;
  const lines = commands.map((c) => `  ${c.name.padEnd(9)} ${c.summary[lang]}`);
  const title = lang === 'zh' ? 'licheng（歷程）：學習歷程檔案排版與打包工具' : 'licheng: learning-portfolio typesetting and packing';
  return `${title}\n\nlicheng <command> [options]\n\n${lines.join('\n')}\n\nlicheng <command> --help\n`;
}

async function main(argv: string[]): Promise<number> {
  const name = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  const command = commands.find((c) => c.name === name);
  const { values, positionals } = parseArgs({
    args: name ? argv.slice(1) : argv,
    options: { ...common, ...(command?.options ?? {}) },
    allowPositionals: true,
    strict: true,
  });
  const lang = (values.lang ?? 'zh') as Lang;
  if (lang !== 'zh' && lang !== 'en') usage(`--lang takes zh or en, not ${String(values.lang)}`);
  const format = (values.format ?? 'text') as Format;
  if (format !== 'text' && format !== 'json') usage(`--format takes text or json, not ${String(values.format)}`);
  if (values.version) {
    process.stdout.write(`${(await import('../version.js')).version}\n`);
    return ExitCode.ok;
  }
  if (!command || values.help) {
    if (name && !command) usage(lang === 'zh' ? `不認得的指令「${name}」` : `unknown command ${name}`);
    process.stdout.write(help(lang, command));
    return values.help ? ExitCode.ok : ExitCode.usage;
  }
  return command.run({ positionals, values, lang, format });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CLIError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`licheng: ${(error as Error).message}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    process.stderr.write(`licheng: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
