import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { cacheDirectory } from '../cache-directory.js';
import { version } from '../version.js';
import { writeAtomicallySync } from './atomic.js';
import { pdfkitRequire } from './vendor.js';

/**
 * Font files already proven usable (fonts.ts lays out and subsets each one it loads, ~20 ms a CJK
 * font), remembered in the user's cache folder so that every command does not prove it again. An
 * entry is a file's length and CRC-32: only those very bytes are believed, under the licheng and
 * fontkit that proved them. A damaged, foreign or outdated cache file counts as empty and is
 * written anew; a folder that cannot be written means proving again next time, never an error.
 * `LICHENG_FONT_CACHE=0` turns it off.
 */

interface Checked {
  /** Who proved the fonts: licheng's and fontkit's versions. */
  by: string;
  usable: string[];
}

/** Fonts remembered at most: the bundled ones and a few portfolios' own. */
const kept = 64;

let known: { file: string; by: string; usable: Set<string> } | null | undefined;

function cache(): typeof known {
  if (known !== undefined) return known;
  known = null;
  if (process.env.LICHENG_FONT_CACHE === '0') return known;
  try {
    const file = join(cacheDirectory(), 'fonts', 'checked.json');
    const by = `licheng ${version}, fontkit ${fontkitVersion()}`;
    known = { file, by, usable: new Set(readChecked(file, by)) };
  } catch {
    // No home folder (some containers): fonts are proven each time.
  }
  return known;
}

function fontkitVersion(): string {
  // fontkit exports no package.json; it sits two folders above its main file.
  const main = pdfkitRequire.resolve('fontkit');
  return (JSON.parse(readFileSync(join(dirname(dirname(main)), 'package.json'), 'utf8')) as { version: string }).version;
}

function readChecked(file: string, by: string): string[] {
  try {
    const checked = JSON.parse(readFileSync(file, 'utf8')) as Partial<Checked>;
    if (checked.by !== by || !Array.isArray(checked.usable)) return [];
    return checked.usable.filter((key) => typeof key === 'string');
  } catch {
    return [];
  }
}

const keys = new WeakMap<Uint8Array, string>();

/** A font file's entry: its length and CRC-32 (~2 ms for a 7 MB face), computed once per buffer. */
export function usableKey(data: Uint8Array): string {
  let key = keys.get(data);
  if (key === undefined) keys.set(data, (key = `${data.length}-${crc32(data).toString(16)}`));
  return key;
}

/** Whether these font bytes were proven usable by an earlier run. */
export function provenUsable(data: Uint8Array): boolean {
  return cache()?.usable.has(usableKey(data)) ?? false;
}

/** Remembers that these font bytes are usable, for later runs. */
export function rememberUsable(data: Uint8Array): void {
  const checked = cache();
  if (!checked) return;
  checked.usable.add(usableKey(data));
  // Another process may have proven other fonts meanwhile: theirs are kept too.
  const usable = [...new Set([...readChecked(checked.file, checked.by), ...checked.usable])].slice(-kept);
  try {
    writeAtomicallySync(checked.file, JSON.stringify({ by: checked.by, usable } satisfies Checked));
  } catch {
    // Only an optimisation: the font is proven again next time.
  }
}
