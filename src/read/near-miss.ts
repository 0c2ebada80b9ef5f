import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { nearest } from '../nearest.js';
import { confine, resolveAsset } from './resolve-asset.js';

/** What a student most likely meant by a path that names no file, and why it missed. */
export interface NearMiss {
  near: string;
  /** `separator`: `\` for `/`; `root`: written from the portfolio, not from the file; `name`: the name's case or a typo. */
  why: 'separator' | 'root' | 'name';
}

/**
 * The file a missing path most likely meant, as the student should write it: with `/` instead of
 * `\`, from the file's own folder instead of the portfolio's, or with the name as it is on disk
 * (`IMG_0012.JPG` for `img_0012.jpg`, `photo-1.jpg` for `photo1.jpg`). Undefined when nothing is near.
 */
export function nearMiss(fromFile: string, ref: string, root: string): NearMiss | undefined {
  const found = (written: string) => 'path' in resolveAsset(fromFile, written, root);
  const slashed = ref.replaceAll('\\', '/');
  if (slashed !== ref && found(slashed)) return { near: slashed, why: 'separator' };
  if (!isAbsolute(slashed)) {
    const fromRoot = resolve(root, slashed);
    if ('path' in confine(fromRoot, root)) return { near: relative(dirname(fromFile), fromRoot).split(sep).join('/'), why: 'root' };
  }
  const target = resolve(dirname(fromFile), slashed);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return undefined;
  }
  const name = basename(target);
  const pick = names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? nearest(name, names);
  if (!pick) return undefined;
  const near = posix.join(posix.dirname(slashed), pick);
  return found(near) ? { near, why: 'name' } : undefined;
}
