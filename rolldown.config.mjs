// Bundles the CLI's pure-ESM dependencies (unified, remark, micromark: hundreds of small modules
// that Node would resolve one by one at start-up) into dist/licheng/. CommonJS and native
// packages (pdfmake, sharp, pdf-lib, …) stay external and load from node_modules as they are.
import { readFileSync } from 'node:fs';

const esm = new Map();
// Pure-JavaScript CommonJS packages of many small files, bundled too (yaml alone is ~60 modules).
const bundledCommonJs = new Set(['yaml', 'extend', 'format']);

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

/**
 * V8's code cache on Node 20 loses what import() needs (src/cli/compile-cache.ts), so no chunk
 * may keep one: modules load lazily through require instead.
 */
const noDynamicImport = {
  name: 'licheng:no-dynamic-import',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      const call = chunk.type === 'chunk' && /(?:^|[^\w$.]).{0,30}import\(.{0,30}/m.exec(chunk.code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
      if (call) this.error(`${chunk.fileName} calls import() (${call[0].trim()}); load that module with require (createRequire) instead`);
    }
  },
};

export default {
  plugins: [noDynamicImport],
  // The CLI and its build workers: worker threads load their modules as the CLI does, from the bundle.
  input: { main: 'dist/cli/main.js', 'build-worker': 'dist/cli/build-worker.js' },
  platform: 'node',
  external: (id) => {
    // Relative paths and package-internal imports (#minpath in vfile) are resolved into the bundle.
    if (id.startsWith('node:') || id.startsWith('.') || id.startsWith('/') || id.startsWith('#')) return id.startsWith('node:');
    const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
    return !bundledCommonJs.has(name) && !isEsmPackage(name);
  },
  // CommonJS, so that V8's code cache can serve it too (src/cli/compile-cache.ts); Node 20 cannot
  // hand cached code to ES modules.
  output: { dir: 'dist/licheng', format: 'cjs', charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false }, cleanDir: true, entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
};
