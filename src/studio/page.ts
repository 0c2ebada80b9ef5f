import type { Lang } from '../messages.js';
import { studioText } from './messages.js';

/** What the page needs before its first request: its language and the portfolio's address for the language server. */
export interface Boot {
  lang: Lang;
  rootUri: string;
  /** The portfolio folder's name, shown in the title bar. */
  name: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The studio's one HTML page; everything else it loads comes from /assets and /api. */
export function pageHtml(boot: Boot): string {
  // JSON in a non-executed script block: readable by the page, allowed by a script-src 'self' policy.
  const data = JSON.stringify(boot).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${boot.lang === 'zh' ? 'zh-Hant-TW' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="preload" href="/assets/fonts/noto-sans-tc.ttf" as="font" type="font/ttf" crossorigin>
<title>${escape(boot.name)} · ${escape(studioText.title[boot.lang])}</title>
<link rel="stylesheet" href="/assets/preview/preview.css">
<link rel="stylesheet" href="/assets/studio/studio.css">
<script type="application/json" id="boot">${data}</script>
<script type="module" src="/assets/studio/studio.js"></script>
</head>
<body></body>
</html>
`;
}

/** Scripts and connections only to the studio itself; styles inline because CodeMirror injects its own. */
export const pagePolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
