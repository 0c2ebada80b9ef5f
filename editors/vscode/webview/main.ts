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

/**
 * Above a draft (a document with errors, typeset as it is): how many errors keep it from being
 * built, so the page is never taken for the one to upload. Styled here: the policy allows no inline styles.
 */
const banner = document.createElement('div');
banner.className = 'lc-draft-banner';
banner.setAttribute('role', 'status');
Object.assign(banner.style, { position: 'fixed', top: '0', left: '0', right: '0', zIndex: '2', padding: '6px 12px', textAlign: 'center' });
Object.assign(banner.style, { background: 'var(--vscode-inputValidation-errorBackground, #f8d7d3)', color: 'var(--vscode-foreground, #5a1d18)' });
banner.hidden = true;
document.body.prepend(banner);

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
  const message = event.data;
  if (message.type === 'preview') {
    void preview.show(message.pdf, message.map, message.version);
    banner.textContent = message.banner ?? '';
    banner.hidden = !message.banner;
  }
  else if (message.type === 'reason') preview.showReason(message.reason);
  else if (message.type === 'reveal') preview.revealLine(message.line);
});
vscode.postMessage({ type: 'ready' });
