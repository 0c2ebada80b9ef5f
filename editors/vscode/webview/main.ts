import { createPreview } from '../../../web/preview/preview.js';
import type { FromPreview, ToPreview } from '../src/webview-messages.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPreview): void };

const vscode = acquireVsCodeApi();
const { lang, worker } = document.body.dataset;
// Webviews may not start workers from their resource URLs; a blob: copy of the script may.
const workerSrc = URL.createObjectURL(await (await fetch(worker!)).blob());
const preview = createPreview(document.body, {
  lang: lang === 'en' ? 'en' : 'zh',
  workerSrc,
  onReveal: (line) => vscode.postMessage({ type: 'reveal', line }),
});

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
  const message = event.data;
  if (message.type === 'preview') void preview.show(message.pdf, message.map, message.version, message.banner);
  else if (message.type === 'reason') preview.showReason(message.reason);
  else if (message.type === 'reveal') preview.revealLine(message.line);
});
vscode.postMessage({ type: 'ready' });
