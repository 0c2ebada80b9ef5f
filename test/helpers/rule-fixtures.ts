import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';

/**
 * The rule fixtures: `_base/` is one clean portfolio; `<rule-id>/ok/` lays its files over the base
 * (no ok/ folder: the base as it is) and `<rule-id>/not-ok/` lays its files over that ok portfolio,
 * so each folder holds only what it changes. An overlay's `overlay.yaml` may list `remove:` paths
 * (files or folders) of the portfolio under it, taken away before the overlay's files are laid on.
 */
export const ruleFixtures = join(import.meta.dirname, '..', 'fixtures', 'rules');

export type FixtureCase = 'ok' | 'not-ok';

/** Files of an overlay's top folder that belong to the fixture, not to the portfolio. */
const own = new Set(['expected.txt', 'overlay.yaml']);

/** The rule ids that have fixtures: every folder but the base. */
export function fixtureIds(): string[] {
  return readdirSync(ruleFixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), root) : [relative(root, join(dir, e.name)).split(sep).join('/')],
  );
}

function removals(layer: string): string[] {
  const file = join(layer, 'overlay.yaml');
  if (!existsSync(file)) return [];
  const { remove, ...rest } = (parse(readFileSync(file, 'utf8')) ?? {}) as { remove?: unknown };
  if (Object.keys(rest).length > 0 || !Array.isArray(remove) || !remove.every((p) => typeof p === 'string'))
    throw new Error(`${file}: only \`remove:\` with a list of paths is understood`);
  return remove;
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * Lays one overlay folder over a portfolio's files. A stale removal, a file in a folder's place, or a
 * file the same as the one under it (the overlay should hold only what it changes) fails loudly.
 */
function layOver(files: Map<string, string>, layer: string): void {
  if (!existsSync(layer)) return;
  for (const gone of removals(layer)) {
    const hit = [...files.keys()].filter((path) => under(path, gone));
    if (hit.length === 0) throw new Error(`${join(layer, 'overlay.yaml')}: removes ${gone}, which the portfolio under it does not have`);
    for (const path of hit) files.delete(path);
  }
  for (const path of walk(layer).filter((p) => !own.has(p))) {
    const clash = [...files.keys()].find((other) => other !== path && (under(path, other) || under(other, path)));
    if (clash) throw new Error(`${join(layer, path)}: ${clash} is in the way; list it under remove: in overlay.yaml`);
    const before = files.get(path);
    if (before && readFileSync(before).equals(readFileSync(join(layer, path))))
      throw new Error(`${join(layer, path)}: the same as ${before}; delete it from the overlay`);
    files.set(path, join(layer, path));
  }
}

/** A case's portfolio as files: the path inside the portfolio (with `/`) → the fixture file holding its bytes. */
export function fixtureFiles(id: string, kase: FixtureCase): Map<string, string> {
  const files = new Map<string, string>();
  const layers = [join(ruleFixtures, '_base'), join(ruleFixtures, id, 'ok'), ...(kase === 'not-ok' ? [join(ruleFixtures, id, 'not-ok')] : [])];
  for (const layer of layers) layOver(files, layer);
  return files;
}

/** The not-ok case's expected.txt: the lines `licheng check` prints inside that portfolio. */
export const expectedLines = (id: string): string[] =>
  readFileSync(join(ruleFixtures, id, 'not-ok', 'expected.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');

/** Writes a case's portfolio into a new folder under `parent` and returns it; the fixtures themselves are only read. */
export async function materialise(id: string, kase: FixtureCase, parent = tmpdir()): Promise<string> {
  const root = await mkdtemp(join(parent, `licheng-${id}-${kase}-`));
  for (const [path, source] of fixtureFiles(id, kase)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await copyFile(source, join(root, path));
  }
  return root;
}
