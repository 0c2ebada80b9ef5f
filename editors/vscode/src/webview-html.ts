import type { UiLang } from './strings.js';

export interface WebviewPage {
  /** The webview's `cspSource`: where its own scripts, styles and worker may come from. */
  cspSource: string;
  nonce: string;
  script: string;
  style: string;
  worker: string;
  lang: UiLang;
}

/**
 * The preview webview's page: nothing but the preview, scripts only with the nonce, no network.
 * pdf.js's worker starts from a `blob:` copy, since webviews cannot start workers from their resource URLs.
 */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} blob: data:`,
    `font-src ${page.cspSource} blob: data:`,
    `style-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
    `connect-src ${page.cspSource}`,
    'worker-src blob:',
  ].join('; ');
  return `<!doctype html>
<html lang="${page.lang === 'en' ? 'en' : 'zh-Hant-TW'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${page.style}">
</head>
<body data-lang="${page.lang}" data-worker="${page.worker}">
<script type="module" nonce="${page.nonce}" src="${page.script}"></script>
</body>
</html>`;
}
