import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { packManifestNames } from '../model/pack-sections.js';
import { packsDir } from '../paths.js';
import { loadPack, type TemplatePack } from './pack.js';
import { ScaffoldError } from './scaffold-error.js';
import { unzip, ZipError } from './unzip.js';

/** licheng's own packs, by name. */
export const builtInPacks = async (): Promise<string[]> =>
  (await readdir(packsDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/**
 * The pack `--template` names: a folder, a .zip of one (as a teacher mails it), or the name of a pack
 * shipped with licheng (`physics-inquiry`). A folder of that name in the current folder comes first.
 */
export async function findPack(spec: string, cwd = process.cwd()): Promise<TemplatePack> {
  const path = resolve(cwd, spec);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return loadPack(path);
  if (info?.isFile() && /\.zip$/i.test(spec)) return loadPack(await unpackZip(path, spec));
  const builtIn = await builtInPacks();
  if (builtIn.includes(spec)) return loadPack(join(packsDir, spec));
  throw new ScaffoldError('pack-missing', { dir: spec, builtIn: builtIn.join('、') });
}

/**
 * A zipped pack unpacked once per content into the system's temp folder (`licheng-pack-<hash>`), so
 * that using the same .zip again leaves no second copy; the pack is its top folder holding the manifest.
 */
async function unpackZip(path: string, written: string): Promise<string> {
  const zip = await readFile(path);
  let files: Map<string, Buffer>;
  try {
    files = unzip(zip);
  } catch (error) {
    const reason = error instanceof ZipError ? error.message : (error as Error).message;
    throw new ScaffoldError('pack-zip-invalid', { file: written, reason });
  }
  const dir = join(tmpdir(), `licheng-pack-${createHash('sha256').update(zip).digest('hex').slice(0, 16)}`);
  if (!(await stat(dir).catch(() => undefined))) {
    const staging = await mkdtemp(`${dir}.`);
    for (const [name, data] of files) {
      await mkdir(dirname(join(staging, name)), { recursive: true });
      await writeFile(join(staging, name), data);
    }
    // Another run may have unpacked the same zip meanwhile: theirs is as good as ours.
    await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  }
  const manifest = [...files.keys()]
    .filter((name) => packManifestNames.includes(name.split('/').at(-1)!))
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  return manifest ? join(dir, dirname(manifest)) : dir;
}
