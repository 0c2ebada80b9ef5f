// The browser pages (the PDF preview shared by the VS Code webview and the studio, and the preview
// as a browser tab fed by a local server) into dist/web/,
// each with the files it loads beside it: pdf.js's worker and the page's stylesheet.
import { readFileSync } from 'node:fs';

const besides = {
  name: 'licheng:beside',
  generateBundle() {
    const files = {
      'pdf.worker.min.mjs': new URL('../node_modules/pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url),
      'preview.css': new URL('./preview/preview.css', import.meta.url),
    };
    for (const [fileName, url] of Object.entries(files)) this.emitFile({ type: 'asset', fileName, source: readFileSync(url) });
  },
};

export default {
  plugins: [besides],
  // live: the page of a browser tab; vscode-webview: the page of the VS Code extension's preview panel.
  input: { preview: 'web/preview/preview.ts', live: 'web/preview/live.ts', 'vscode-webview': 'editors/vscode/webview/main.ts' },
  platform: 'browser',
  output: { dir: 'dist/web/preview', format: 'es', cleanDir: true, minify: true, entryFileNames: '[name].js' },
};
