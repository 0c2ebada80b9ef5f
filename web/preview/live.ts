import { createPreview } from './preview.js';
import type { MapBlock } from './source-map.js';

/**
 * The preview as a browser tab, fed by a local server (the VS Code extension's "open in
 * browser"): new PDFs and cursor moves arrive as server-sent events, clicks go back as POSTs.
 * Every URL is relative to the page, whose path carries the server's token.
 */
const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-Hant-TW';

const preview = createPreview(document.body, {
  lang,
  onReveal: (line) => void fetch('reveal', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ line }) }),
});

const events = new EventSource('events');
events.addEventListener('preview', (event) => {
  const { pdf, map, version, banner } = JSON.parse(event.data) as { pdf: string; map: MapBlock[]; version: number; banner?: string };
  void preview.show(decode(pdf), map, version, banner);
});
events.addEventListener('reason', (event) => preview.showReason((JSON.parse(event.data) as { reason: string }).reason));
events.addEventListener('reveal', (event) => preview.revealLine((JSON.parse(event.data) as { line: number }).line));
