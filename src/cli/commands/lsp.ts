import { createRequire } from 'node:module';
import type { Command } from '../command.js';

export const lspCommand: Command = {
  name: 'lsp',
  summary: {
    zh: '語言伺服器（LSP，經由 stdio）：編輯器中即時檢查、預覽 PDF、補全與快速修正',
    en: 'the language server (LSP over stdio): live diagnostics, PDF preview, completion and quick fixes in an editor',
  },
  usage: 'licheng lsp [--stdio] [--lang zh|en]',
  help: {
    zh: ['由編輯器啟動（VS Code 擴充套件、Neovim、Helix…），經標準輸入輸出說 LSP；不要直接在終端機執行。'],
    en: ['Started by an editor (the VS Code extension, Neovim, Helix…), speaking LSP over standard input and output; not for running by hand.'],
  },
  options: { stdio: { type: 'boolean' } },
  async run({ lang }) {
    // stdout carries the protocol alone: anything a module might log goes to stderr.
    console.log = console.info = console.warn = console.error;
    const { createConnection, ProposedFeatures } = createRequire(import.meta.url)('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { listen } = await import('../../lsp/server.js');
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    listen(connection, { lang });
    // The connection ends the process itself: on `exit` (0 after `shutdown`, else 1) or when stdin closes.
    return new Promise<number>(() => undefined);
  },
};
