import type { PreviewResult } from './protocol.js';
import type { ToPreview } from './webview-messages.js';

export interface PreviewFeedOptions {
  /** `licheng/preview` for a document. */
  request(uri: string): Promise<PreviewResult>;
  post(message: ToPreview): void;
  /** Typing pauses shorter than this make one request, not one per keystroke. */
  delayMs?: number;
}

export interface PreviewFeed {
  /** The document's text changed (or the preview was opened). */
  changed(): void;
  dispose(): void;
}

/**
 * Keeps one preview fed from the language server: at most one request in flight, edits made
 * meanwhile folded into one more request after it, answers passed on as they come.
 */
export function previewFeed(uri: string, options: PreviewFeedOptions): PreviewFeed {
  const delay = options.delayMs ?? 60;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let disposed = false;

  async function fetchOnce(): Promise<void> {
    inFlight = true;
    try {
      const result = await options.request(uri);
      if (disposed) return;
      if (result.pdf !== null) {
        const { map, version, banner } = result;
        options.post({ type: 'preview', pdf: Buffer.from(result.pdf, 'base64'), map, version, ...(banner && { banner }) });
      } else options.post({ type: 'reason', reason: result.reason ?? '' });
    } catch (error) {
      if (!disposed) options.post({ type: 'reason', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      inFlight = false;
      if (again && !disposed) {
        again = false;
        void fetchOnce();
      }
    }
  }

  return {
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (inFlight) again = true;
        else void fetchOnce();
      }, delay);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
