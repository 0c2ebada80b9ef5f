import Module, { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { fontkitRequire, pdfkitRequire } from './vendor.js';

/**
 * Start-up work that pdfkit's dependencies do when they load, whether or not a document needs it
 * (~35 ms of every `licheng` command that typesets). Each stand-in goes into `require`'s cache
 * before pdfkit and fontkit load, so they receive it instead:
 * - tiny-inflate, which unicode-trie and fontkit use to unpack their Unicode tables at load time,
 *   is the same raw-DEFLATE contract done by Node's zlib instead of in JavaScript;
 * - brotli (WOFF2 fonts only) and @noble/ciphers' AES (encrypted PDFs only) load on first use.
 */
const trieRequire = createRequire(fontkitRequire.resolve('unicode-trie'));

function provide(require: NodeJS.Require, id: string, exports: (path: string) => unknown): void {
  const path = require.resolve(id);
  if (require.cache[path]) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports(path);
  require.cache[path] = module;
}

/** tiny-inflate's `inflate(source, dest)`: fills `dest`, returns it (or the filled part if shorter). */
function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error');
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

/** The real module behind a stand-in, loaded the first time the stand-in is used. */
function realModule<T>(require: NodeJS.Require, id: string, path: string): () => T {
  let real: T | undefined;
  return () => {
    if (real === undefined) {
      delete require.cache[path];
      real = require(id) as T;
    }
    return real;
  };
}

for (const require of [trieRequire, fontkitRequire]) provide(require, 'tiny-inflate', () => inflate);
provide(fontkitRequire, 'brotli/decompress.js', (path) => {
  const decompress = realModule<(...args: unknown[]) => unknown>(fontkitRequire, 'brotli/decompress.js', path);
  return (...args: unknown[]) => decompress()(...args);
});
provide(pdfkitRequire, '@noble/ciphers/aes', (path) => {
  const aes = realModule<Record<string | symbol, unknown>>(pdfkitRequire, '@noble/ciphers/aes', path);
  return new Proxy({}, { get: (_, name) => aes()[name] });
});
