/**
 * The language server's own requests and commands (`licheng lsp`, src/lsp), as the extension
 * sends and reads them. Any LSP client can send the same. The answer types are the server's own,
 * so that the two cannot drift apart.
 */
export type { PreviewResult } from '../../../src/lsp/preview.js';
export type { DocumentStatus, TargetReadiness } from '../../../src/lsp/upload.js';
export type { CommandResult } from '../../../src/lsp/commands.js';

export const previewRequest = 'licheng/preview';
export const targetsRequest = 'licheng/targets';
export const documentStatusRequest = 'licheng/documentStatus';

/** workspace/executeCommand names the server registers (src/lsp/code-actions.ts). */
export const serverCommands = { build: 'licheng.build', pack: 'licheng.pack', compress: 'licheng.compress' } as const;
