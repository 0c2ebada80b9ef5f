import { fork, type ChildProcess } from 'node:child_process';
import type { UiLang } from './strings.js';

/**
 * The bundled CLI inside the extension (`server/dist/licheng/main.cjs`), run by VS Code's own
 * Node (the extension host's executable): the student needs no Node of their own.
 */
export function startServer(cli: string, lang: UiLang): ChildProcess {
  return fork(cli, ['lsp', '--stdio', ...(lang === 'en' ? ['--lang', 'en'] : [])], { silent: true, execArgv: [] });
}

/** The same CLI for one command (`licheng new …`); resolves with its exit code and what it printed. */
export function runCli(cli: string, args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = fork(cli, [...args], { cwd, silent: true, execArgv: [] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, output: output.trim() }));
  });
}
