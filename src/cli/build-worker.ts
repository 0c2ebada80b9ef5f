import { enableCompileCache, saveCompileCache } from './compile-cache.js';

// The entry of a `build --jobs` worker thread, bundled beside the CLI's. As in main.ts, the
// compile cache is on before the build's modules load, so a worker takes their compiled code
// from it instead of compiling every module of the build again. The pool terminates its workers,
// so no exit handler writes the cache: a worker saves it once it has loaded them instead (the
// calling thread, which builds too, saves the code its documents compiled at exit).
enableCompileCache();
void import('../build-worker.js').then(({ serveBuilds }) => serveBuilds(saveCompileCache));
