import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { interruptSignal } from '../../infra/interrupt.js';
import { studioText } from '../../studio/messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { err, out } from '../output.js';

/** The system's "open this address" program; when it is missing or fails, the printed URL remains. */
function openBrowser(url: string): void {
  const [program, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    // Loaded here, not with the CLI: node:child_process costs every other command ~10 ms to load.
    const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    spawn(program, args as string[], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  } catch {
    // The URL is printed: the student can open it by hand.
  }
}

export const studioCommand: Command = {
  name: 'studio',
  summary: studioText.summary,
  usage: 'licheng studio [DIR] [--port N] [--no-open]',
  help: { zh: [...studioText.help.zh], en: [...studioText.help.en] },
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  async run({ positionals, values, lang }) {
    if (positionals.length > 1) usage(`${studioCommand.usage}`);
    const dir = resolve(positionals[0] ?? '.');
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) usage(`${studioText.notFolder[lang]}: ${positionals[0] ?? '.'}`);
    const portText = values.port as string | undefined;
    const port = portText === undefined ? 0 : Number(portText);
    if (!/^\d+$/.test(portText ?? '0') || port > 65535) usage(studioText.badPort[lang]);
    // Started in courses/ or another folder of the portfolio, it opens the whole portfolio, as every command finds it.
    const { loadPortfolio } = await import('../../model/load.js');
    const found = await loadPortfolio(dir, dir);
    if (found.diagnostics.some((d) => d.ruleId === 'portfolio-missing')) err(`licheng: ${studioText.noPortfolio[lang]}`);
    const { startStudio } = await import('../../studio/server.js');
    const studio = await startStudio({ root: found.root, port, lang }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') usage(studioText.portBusy[lang]);
      throw error;
    });
    out(studioText.listening[lang], '', `  ${studio.url}`, '');
    err(studioText.stop[lang]);
    if (!values['no-open']) openBrowser(studio.url);
    const { signal, dispose } = interruptSignal();
    await new Promise((stopped) => signal.addEventListener('abort', stopped, { once: true }));
    dispose();
    await studio.close();
    return ExitCode.ok;
  },
};
