import type { Lang } from '../messages.js';
import { CLIError, ExitCode, usage } from './cli-error.js';
import type { Command } from './command.js';
import { err, out, printDiagnostics, printInternalError, type Format } from './output.js';
import { LichengUsageError } from '../usage-error.js';
import { badValue, parseFlags } from './flags.js';
import { buildCommand } from './commands/build.js';
import { initCommand } from './commands/init.js';
import { newCommand } from './commands/new.js';
import { compressCommand } from './commands/compress.js';
import { checkCommand } from './commands/check.js';
import { packCommand } from './commands/pack.js';
import { batchCommand } from './commands/batch.js';
import { templateCommand } from './commands/template.js';
import { lspCommand } from './commands/lsp.js';
import { studioCommand } from './commands/studio.js';
import { workerCommand } from './commands/worker.js';

const commands: Command[] = [
  initCommand,
  newCommand,
  checkCommand,
  buildCommand,
  packCommand,
  compressCommand,
  batchCommand,
  workerCommand,
  templateCommand,
  lspCommand,
  studioCommand,
];

const common = {
  lang: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function help(lang: Lang, command?: Command): string[] {
  if (command)
    return [command.usage, '', command.summary[lang], ...(command.help ? ['', ...command.help[lang]] : []), '', '--lang zh|en  --format text|json  --help'];
  const lines = commands.map((c) => `  ${c.name.padEnd(9)} ${c.summary[lang]}`);
  const title = lang === 'zh' ? 'licheng（歷程）：學習歷程檔案排版與打包工具' : 'licheng: learning-portfolio typesetting and packing';
  return [title, '', 'licheng <command> [options]', '', ...lines, '', 'licheng <command> --help'];
}

/** What the run was asked to print, once the flags are read: an internal error is said the same way. */
const asked: { lang: Lang; format: Format } = { lang: 'zh', format: 'text' };

async function main(argv: string[]): Promise<number> {
  const name = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  const command = commands.find((c) => c.name === name);
  const args = name ? argv.slice(1) : argv;
  const {
    values,
    positionals,
    lang: flagsLang,
  } = parseFlags(args, { ...common, ...(command?.options ?? {}) }, `licheng ${command ? `${command.name} ` : ''}--help`);
  const lang = (values.lang ?? 'zh') as Lang;
  if (lang !== 'zh' && lang !== 'en') badValue(flagsLang, 'lang', String(values.lang));
  const format = (values.format ?? 'text') as Format;
  if (format !== 'text' && format !== 'json') badValue(lang, 'format', String(values.format));
  Object.assign(asked, { lang, format });
  if (values.version) {
    out((await import('../version.js')).version);
    return ExitCode.ok;
  }
  if (!command || values.help) {
    if (name && !command)
      usage(lang === 'zh' ? `不認得的指令「${name}」；licheng --help 列出所有指令` : `unknown command ${name}; licheng --help lists the commands`);
    out(...help(lang, command));
    return values.help ? ExitCode.ok : ExitCode.usage;
  }
  return command.run({ positionals, values, lang, format });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CLIError) {
      err(`licheng: ${(error as Error).message}`);
      process.exitCode = ExitCode.usage;
      return;
    }
    if (error instanceof LichengUsageError) {
      printDiagnostics(error.diagnostics, asked.format, asked.lang);
      process.exitCode = ExitCode.usage;
      return;
    }
    printInternalError(error, asked.format, asked.lang);
    process.exitCode = 70;
  },
);
