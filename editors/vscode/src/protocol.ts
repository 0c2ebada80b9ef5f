/**
 * The language server's own requests and commands (`licheng lsp`, src/lsp), as the extension
 * sends and reads them. Any LSP client can send the same.
 */
/** The server's own answer type, so that the two cannot drift apart. */
export type { PreviewResult } from '../../../src/lsp/preview.js';

export const previewRequest = 'licheng/preview';
export const targetsRequest = 'licheng/targets';
export const documentStatusRequest = 'licheng/documentStatus';

export interface TargetCount {
  label: string;
  count: number;
  cap: number;
}

export interface TargetDocument {
  uri: string;
  title: string;
  label: string;
  bytes: number;
  cap: number;
}

export interface TargetReadiness {
  uri: string;
  name: string;
  channel: string;
  errors: number;
  warnings: number;
  counts: TargetCount[];
  documents: TargetDocument[];
}

export interface DocumentStatus {
  summaryChars: number | null;
  summaryCap: number | null;
  pdfBytes: number | null;
  pdfCap: number;
}

export interface CommandResult {
  ok: boolean;
  message: string;
  outputs: string[];
}

/** workspace/executeCommand names the server registers. */
export const serverCommands = { build: 'licheng.build', pack: 'licheng.pack', compress: 'licheng.compress' } as const;
