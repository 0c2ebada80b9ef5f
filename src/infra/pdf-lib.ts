import { createRequire } from 'node:module';

// pdf-lib (~190 ms to load) is loaded only by documents that append PDFs. Through require, not
// import(): the CLI's cached code cannot run import() on Node 20 (src/cli/compile-cache.ts).
const require = createRequire(import.meta.url);
export const pdfLib = () => require('pdf-lib') as typeof import('pdf-lib');

let quiet = 0;
let consoleMethods: Pick<Console, 'log' | 'warn' | 'error'> | undefined;

/**
 * Runs pdf-lib work with the console silenced: pdf-lib prints its own lines (“Trying to parse
 * invalid object…”) for a damaged file, which licheng reports as one diagnostic instead.
 * Calls may overlap (pages counted in parallel): the console comes back when the last one ends.
 */
export async function quietly<T>(work: () => Promise<T>): Promise<T> {
  if (quiet++ === 0) {
    consoleMethods = { log: console.log, warn: console.warn, error: console.error };
    console.log = console.warn = console.error = () => undefined;
  }
  try {
    return await work();
  } finally {
    if (--quiet === 0) Object.assign(console, consoleMethods);
  }
}
