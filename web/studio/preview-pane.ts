import type { PreviewResult } from '../../src/lsp/preview.js';
import { createPreview, type Preview } from '../preview/preview.js';
import { boot } from './dom.js';
import type { Language } from './lsp.js';

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * The live PDF of the open document, asked of the language server (`licheng/preview`, the same bytes
 * `licheng build` writes) at most one request at a time: typing during a render asks once more after it.
 */
export function previewPane(
  container: HTMLElement,
  language: Language,
  onReveal: (line: number) => void,
): { refresh(uri: string): void; revealLine(line: number): void; clear(): void } {
  let preview: Preview | undefined;
  let busy = false;
  let again: string | undefined;
  const ensure = () => (preview ??= createPreview(container, { onReveal, lang: boot.lang, workerSrc: '/assets/preview/pdf.worker.min.mjs' }));
  // From the start: an empty pane says what will show there.
  ensure();
  const render = async (uri: string): Promise<void> => {
    busy = true;
    try {
      language.client.sync();
      const result = await language.client.request<{ textDocument: { uri: string } }, PreviewResult>('licheng/preview', { textDocument: { uri } });
      if (result.pdf) await ensure().show(bytesOf(result.pdf), result.map, result.version, result.banner);
      else ensure().showReason(result.reason ?? '');
    } catch (error) {
      ensure().showReason((error as { message?: string }).message ?? String(error));
    } finally {
      busy = false;
      const next = again;
      again = undefined;
      if (next) void render(next);
    }
  };
  return {
    refresh(uri) {
      if (busy) again = uri;
      else void render(uri);
    },
    revealLine: (line) => preview?.revealLine(line),
    clear() {
      preview?.dispose();
      preview = undefined;
      container.replaceChildren();
      ensure();
    },
  };
}
