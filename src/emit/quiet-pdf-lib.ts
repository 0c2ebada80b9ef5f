/**
 * pdf-lib tells what it repairs in a damaged PDF ("Trying to parse invalid object", "Parsed number
 * that is too large …") through console.warn and console.log, its only channel. licheng's library
 * never prints — only src/cli does, and a damaged PDF is reported as a diagnostic at its item — so
 * pdf-lib's work runs with those two silenced. Nested and overlapping calls share one silence,
 * lifted when the last ends; licheng itself never writes to the console meanwhile.
 */
let depth = 0;
let saved: Pick<Console, 'warn' | 'log'> | undefined;
const silent = () => {};

export async function quietPdfLib<T>(work: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    saved = { warn: console.warn, log: console.log };
    console.warn = console.log = silent;
  }
  try {
    return await work();
  } finally {
    if (--depth === 0 && saved) {
      console.warn = saved.warn;
      console.log = saved.log;
    }
  }
}
