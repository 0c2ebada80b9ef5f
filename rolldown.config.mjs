// Bundles the CLI's pure-ESM dependencies (unified, remark, micromark: hundreds of small modules
// that Node would resolve one by one at start-up) into dist/licheng/. CommonJS and native
// packages (pdfmake, sharp, pdf-lib, …) stay external and load from node_modules as they are.
import { readFileSync } from 'node:fs';

const esm = new Map();

function isEsmPackage(name) {
  if (!esm.has(name)) {
    let type;
    try {
      // Read directly: many ESM packages do not export their package.json.
      type = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).type;
    } catch {
      type = undefined;
    }
    esm.set(name, type === 'module');
  }
  return esm.get(name);
}

export default {
  input: 'dist/cli/main.js',
  platform: 'node',
  external: (id) => {
    // Relative paths and package-internal imports (#minpath in vfile) are resolved into the bundle.
    if (id.startsWith('node:') || id.startsWith('.') || id.startsWith('/') || id.startsWith('#')) return id.startsWith('node:');
    const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
    return !isEsmPackage(name);
  },
  // CommonJS, so that V8's code cache can serve it too (src/cli/compile-cache.ts); Node 20 cannot
  // hand cached code to ES modules.
  output: { dir: 'dist/licheng', format: 'cjs', cleanDir: true, entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
};
