import Module from 'node:module';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirectory } from '../cache-directory.js';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

/**
 * V8's compiled code for the JavaScript the CLI loads, kept between runs — what Node 22's
 * `module.enableCompileCache()` does, for the CommonJS licheng runs on (its bundle, pdfmake,
 * pdfkit, fontkit). Written at exit after the work, so it holds the functions the run compiled
 * lazily as well, not just top-level code. A command then skips parsing and compiling ~3 MB of
 * JavaScript. Entries are keyed by file name and checked against the source's length and CRC and
 * their own CRC; anything that does not match is compiled as usual and rewritten. The cache is only
 * ever an optimisation: an unwritable folder or a damaged file means compiling, never failing.
 *
 * A run reads the index and only the entries it compiles. Entries of files that are gone (an old
 * bundle's chunks, a deleted install) are dropped on every write, and the file is kept under
 * `maxCacheBytes`, least recently used first out: it once grew to 345 MB on a developer's machine,
 * and every command read all of it before starting.
 */

interface Entry {
  /** Length and CRC-32 of the source the code was compiled from. */
  length: number;
  source: number;
  /** CRC-32 of the cached data itself, so a torn or damaged file is never handed to V8. */
  check: number;
  /** The cached data, read from the file on first use. */
  data: () => Uint8Array | undefined;
  size: number;
}
interface Compiled {
  script: vm.Script;
  length: number;
  source: number;
}
type Compile = (this: Module, content: string, filename: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<Module>;
  enableCompileCache?: (directory: string) => unknown;
  flushCompileCache?: () => void;
}

const internals = Module as unknown as ModuleInternals;
const ownFolder = dirname(fileURLToPath(import.meta.url)) + sep;
const dynamicImport = /\bimport\s*\(/;
const fileName = 'commonjs.bin';
/** The most the cache file holds: several installs' worth of licheng and its packages (~6 MB each). */
export const maxCacheBytes = 48 * 1024 * 1024;
let enabled = false;

export { cacheDirectory };

/**
 * Turns the cache on for this process (once; `LICHENG_COMPILE_CACHE=0` turns it off). Code is
 * only valid for one V8 and one set of V8 flags, so each gets its own folder. Returns the folder
 * used, or undefined when there is none.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LICHENG_COMPILE_CACHE === '0' || enabled) return undefined;
  enabled = true;
  const flags = crc32(process.execArgv.join('\0')).toString(16);
  let directory: string;
  try {
    // homedir() throws where the user has no home (some containers): no cache then.
    directory = join(cacheDirectory(env), `v8-${process.versions.v8}-${process.arch}-${flags}`);
    mkdirSync(directory, { recursive: true });
  } catch {
    return undefined;
  }
  if (typeof internals.enableCompileCache === 'function') {
    internals.enableCompileCache(directory);
    return directory;
  }
  hookCommonJs(join(directory, fileName));
  return directory;
}

/** What this process compiled, to be written to `file` when `stale` (an entry was missing or rejected). */
let pending: { file: string; entries: Map<string, Entry>; compiled: Map<string, Compiled>; stale: boolean } | undefined;

function hookCommonJs(file: string): void {
  // Open for the process's life: entries are read as modules load; the OS closes it at exit.
  const { entries } = readEntries(file);
  const compiled = new Map<string, Compiled>();
  const state = { file, entries, compiled, stale: false };
  pending = state;
  const original = internals.prototype._compile;
  internals.prototype._compile = function compile(content, filename) {
    // A hashbang is only valid at the very start of a script, not inside Module.wrap's function.
    // Code that V8 restores from a cache cannot run import() on Node 20 (the loader's callback is
    // not restored with it): other packages that may call it compile as usual. licheng's own
    // bundle, beside this file, never does (its build refuses a chunk that would).
    if (content.startsWith('#!') || (!filename.startsWith(ownFolder) && dynamicImport.test(content))) return original.call(this, content, filename);
    const source = crc32(content);
    const entry = entries.get(filename);
    const data = entry && entry.length === content.length && entry.source === source ? entry.data() : undefined;
    const cachedData = data && crc32(data) === entry!.check ? data : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(internals.wrap(content), { filename, cachedData });
    } catch {
      // Not plain CommonJS (ES syntax in a .js file, …): Node's own loader knows what to do.
      return original.call(this, content, filename);
    }
    if (!cachedData || script.cachedDataRejected) state.stale = true;
    compiled.set(filename, { script, length: content.length, source });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  process.once('exit', saveCompileCache);
}

/**
 * Writes what was compiled so far, if the cache lacked any of it; the process does so at exit. A
 * worker thread that is terminated never gets there: it saves once it has done some work.
 */
export function saveCompileCache(): void {
  // Node's own cache (22.1 and later) writes at exit too; 22.10 and later can be asked sooner.
  internals.flushCompileCache?.();
  if (!pending?.stale) return;
  pending.stale = false;
  try {
    writeEntries(pending.file, pending.entries, pending.compiled);
    removeUnusedFolders(dirname(pending.file));
  } catch {
    // Only an optimisation: never a reason for an error.
  }
}

/** Folders of other Node versions or flags not written for this long are dropped when this one is written. */
export const unusedFolderDays = 30;

/** The cache folders of V8s and flag sets no run has written to in `unusedFolderDays` (an old Node, a one-off flag). */
function removeUnusedFolders(own: string): void {
  const parent = dirname(own);
  const before = Date.now() - unusedFolderDays * 24 * 3600 * 1000;
  for (const name of readdirSync(parent)) {
    const folder = join(parent, name);
    if (!name.startsWith('v8-') || folder === own) continue;
    const written = statSync(join(folder, fileName), { throwIfNoEntry: false })?.mtimeMs ?? statSync(folder).mtimeMs;
    if (written < before) rmSync(folder, { recursive: true, force: true });
  }
}

/** The `require` Node hands a module's code (see makeRequireFunction in Node's CommonJS loader). */
function requireFor(module: Module): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions;
  require.cache = internals._cache;
  return require;
}

/**
 * The file: a 4-byte index length, the JSON index, then each entry's data in index order. Only the
 * index is read here; an entry's data is read when it is first asked for, until `close`.
 */
function readEntries(file: string): { entries: Map<string, Entry>; close: () => void } {
  const entries = new Map<string, Entry>();
  let fd: number | undefined;
  let close: () => void = () => {};
  try {
    fd = openSync(file, 'r');
    const total = fstatSync(fd).size;
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    const indexLength = head.readUInt32LE(0);
    if (4 + indexLength > total) return { entries, close };
    const indexBytes = Buffer.alloc(indexLength);
    readSync(fd, indexBytes, 0, indexLength, 4);
    const index = JSON.parse(indexBytes.toString('utf8')) as [string, number, number, number, number][];
    const open = fd;
    let offset = 4 + indexLength;
    for (const [name, length, source, check, size] of index) {
      if (offset + size > total) break;
      const at = offset;
      let data: Uint8Array | undefined;
      const read = () => {
        if (data) return data;
        try {
          const bytes = Buffer.alloc(size);
          if (readSync(open, bytes, 0, size, at) === size) data = bytes;
        } catch {
          // Closed or unreadable: compiled as usual.
        }
        return data;
      };
      entries.set(name, { length, source, check, size, data: read });
      offset += size;
    }
    close = () => closeSync(open);
    fd = undefined;
  } catch {
    entries.clear();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { entries, close };
}

/**
 * Everything compiled in this run, plus what other commands left, written whole and renamed into
 * place. The file is read again first: the build's worker threads may have saved theirs meanwhile.
 * Entries of files that no longer exist are dropped; past `maxCacheBytes` the least recently
 * written go (this run's own entries are written last, so they stay).
 */
function writeEntries(file: string, previous: Map<string, Entry>, compiled: Map<string, Compiled>): void {
  const onDisk = readEntries(file);
  const entries = new Map([...previous, ...onDisk.entries]);
  for (const [name, { script, length, source }] of compiled) {
    const data = script.createCachedData();
    entries.delete(name);
    entries.set(name, { length, source, check: crc32(data), size: data.length, data: () => data });
  }
  const kept: [string, Entry, Uint8Array][] = [];
  let bytes = 0;
  for (const [name, entry] of [...entries].reverse()) {
    if (bytes + entry.size > maxCacheBytes) break;
    if (!compiled.has(name) && !existsSync(name)) continue;
    const data = entry.data();
    if (!data) continue;
    kept.push([name, entry, data]);
    bytes += entry.size;
  }
  onDisk.close();
  kept.reverse();
  const index = kept.map(([name, e]) => [name, e.length, e.source, e.check, e.size]);
  const head = Buffer.from(JSON.stringify(index));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([size, head, ...kept.map(([, , data]) => data)]));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
