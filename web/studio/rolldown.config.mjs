// Bundles the studio page (web/studio/, with CodeMirror, the LSP client and the preview component)
// into dist/web/studio/, served by `licheng studio` from the package: the page needs no network.
import { copyFileSync, mkdirSync } from 'node:fs';

const copyStyles = {
  name: 'licheng:studio-styles',
  writeBundle() {
    mkdirSync('dist/web/studio', { recursive: true });
    copyFileSync('web/studio/studio.css', 'dist/web/studio/studio.css');
  },
};

export default {
  input: { studio: 'web/studio/main.ts' },
  platform: 'browser',
  plugins: [copyStyles],
  output: { dir: 'dist/web/studio', format: 'esm', cleanDir: true, minify: true, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
};
