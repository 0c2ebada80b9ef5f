import type { MapBlock } from '../../../web/preview/source-map.js';

/** Messages between the extension and its preview webview (postMessage, structured-cloned). */
export type ToPreview =
  /** `banner`: the PDF is a draft of a document with errors (「有 N 個錯誤，修正後才能建置」), shown above it. */
  | { type: 'preview'; pdf: Uint8Array; map: MapBlock[]; version: number; banner?: string }
  | { type: 'reason'; reason: string }
  | { type: 'reveal'; line: number };

export type FromPreview = { type: 'ready' } | { type: 'reveal'; line: number };
