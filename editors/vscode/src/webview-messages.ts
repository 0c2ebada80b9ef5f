import type { MapBlock } from '../../../web/preview/source-map.js';

/** Messages between the extension and its preview webview (postMessage, structured-cloned). */
export type ToPreview =
  | { type: 'preview'; pdf: Uint8Array; map: MapBlock[]; version: number }
  | { type: 'reason'; reason: string }
  | { type: 'reveal'; line: number };

export type FromPreview = { type: 'ready' } | { type: 'reveal'; line: number };
