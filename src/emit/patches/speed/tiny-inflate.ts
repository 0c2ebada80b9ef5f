import Module, { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { fontkitRequire, pdfkitRequire, pdfmakeRequire } from '../../../infra/vendor.js';
import { found, sourceHash, type Patch } from '../registry.js';

/**
 * Start-up work that pdfkit's dependencies do when they load, whether or not a document needs it
 * (~35 ms of every `licheng` command that typesets). Module stand-ins go into `require`'s cache
 * before pdfkit and fontkit load, so they receive them instead:
 * - tiny-inflate, which unicode-trie and fontkit use to unpack their Unicode tables at load time,
 *   is the same raw-DEFLATE contract done by Node's zlib instead of in JavaScript;
 * - brotli (WOFF2 fonts only), @noble/ciphers' AES and @noble/hashes' SHA-2 and byte helpers
 *   (encrypted PDFs only; the helpers set up Web Crypto as they load), xmldoc and pdfmake's copy
 *   of svg-to-pdfkit (SVG images only), pdfmake's QR encoder (QR codes only) and png-js (PNG images
 *   only) load on first use: they forward every use to the real module, so they replace no code
 *   and declare no hash.
 */
export const tinyInflate: Patch = {
  name: 'Unicode tables unpacked by zlib',
  package: 'tiny-inflate',
  version: '1.0.3',
  target: 'tiny-inflate.inflate',
  sha256: '0281b1cf30221744fede3abb00e84162e863c92b3d990c40216fa437b8dca349',
  kind: 'speed',
  replace: () => inflate,
};

/** tiny-inflate's `inflate(source, dest)`: fills `dest`, returns it (or the filled part if shorter). */
function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error');
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

function provide(require: NodeJS.Require, id: string, exports: (path: string) => unknown): void {
  const path = require.resolve(id);
  if (require.cache[path]) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports(path);
  require.cache[path] = module;
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

/** Before fontkit loads; a no-op for modules something else already loaded. */
export function installStandIns(): void {
  const trieRequire = createRequire(fontkitRequire.resolve('unicode-trie'));
  for (const require of [trieRequire, fontkitRequire]) {
    const path = require.resolve('tiny-inflate');
    if (require.cache[path]) continue;
    const original = require('tiny-inflate') as unknown;
    const applied = sourceHash(original) === tinyInflate.sha256;
    if (!found.some((f) => f.patch === tinyInflate)) found.push({ patch: tinyInflate, original, applied });
    if (applied) require.cache[path]!.exports = inflate;
  }
  provide(fontkitRequire, 'brotli/decompress.js', (path) => {
    const decompress = realModule<(...args: unknown[]) => unknown>(fontkitRequire, 'brotli/decompress.js', path);
    return (...args: unknown[]) => decompress()(...args);
  });
  provide(pdfkitRequire, '@noble/ciphers/aes', (path) => forwarding(realModule(pdfkitRequire, '@noble/ciphers/aes', path)));
  provide(pdfmakeRequire, 'xmldoc', (path) => forwarding(realModule(pdfmakeRequire, 'xmldoc', path)));
  // pdfmake's own modules, by their paths from its main file (js/index.js).
  provide(pdfmakeRequire, './3rd-party/svg-to-pdfkit/source.js', (path) => {
    const svgToPdf = realModule<(...args: unknown[]) => unknown>(pdfmakeRequire, path, path);
    return (...args: unknown[]) => svgToPdf()(...args);
  });
  provide(pdfmakeRequire, './qrEnc.js', (path) => {
    const qr = realModule<{ default: unknown }>(pdfmakeRequire, path, path);
    // An ES module as Babel writes it: pdfmake reads `default` when it measures a QR code.
    return {
      __esModule: true,
      get default() {
        return qr().default;
      },
    };
  });
  provide(pdfkitRequire, 'png-js', (path) => {
    const png = realModule<new (data: Uint8Array) => object>(pdfkitRequire, 'png-js', path);
    return function PNG(data: Uint8Array) {
      return new (png())(data);
    };
  });
  const helpersPath = pdfkitRequire.resolve('@noble/hashes/utils');
  if (!pdfkitRequire.cache[helpersPath]) {
    // The real SHA-2 module requires the helpers by the very path of their stand-in: they are made real first.
    const helpers = realModule<Record<string | symbol, unknown>>(pdfkitRequire, '@noble/hashes/utils', helpersPath);
    provide(pdfkitRequire, '@noble/hashes/utils', () => forwarding(helpers));
    provide(pdfkitRequire, '@noble/hashes/sha2', (path) => {
      const sha2 = realModule<Record<string | symbol, unknown>>(pdfkitRequire, '@noble/hashes/sha2', path);
      return forwarding(() => {
        helpers();
        return sha2();
      });
    });
  }
}

/** An object whose properties are the real module's, loaded when the first one is read. */
function forwarding(real: () => Record<string | symbol, unknown>): object {
  return new Proxy({}, { get: (_, name) => real()[name] });
}
