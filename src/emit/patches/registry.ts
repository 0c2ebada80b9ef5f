import { createHash } from 'node:crypto';

/**
 * A replaced method of pdfmake, pdfkit or fontkit, declared with the source it was written
 * against: a patch is applied only while that source is unchanged, so an upgrade that changes a
 * patched method falls back to the package's own behaviour (and test/patches.test.ts fails)
 * instead of running a stale copy.
 */
export interface Patch {
  /** A few words: what it changes. */
  name: string;
  /** The package whose code is replaced: pdfmake, pdfkit, fontkit or one of their dependencies. */
  package: string;
  /** The version whose source `sha256` is of (pinned: package.json `dependencies` and `overrides`). */
  version: string;
  /** Where the method lives, e.g. `LayoutBuilder.prototype.buildNextLine`; the last part is the method. */
  target: string;
  /** sha256 of the original's `Function.prototype.toString()`. */
  sha256: string;
  /** 'speed': every PDF stays the same to the byte; 'behaviour': some PDFs change. */
  kind: 'speed' | 'behaviour';
  /** A patch of another method this one cannot work without: it is in effect only while that one is. */
  needs?: Patch;
  /** The new method, given the one it replaces (the original or an earlier patch of the same method). */
  replace(previous: never): unknown;
}

/** An original as a patch found it, whether the patch was applied or refused. */
export interface Found {
  patch: Patch;
  original: unknown;
  applied: boolean;
}

interface Slot {
  owner: Record<string, unknown>;
  method: string;
  original: unknown;
  patches: Patch[];
}

const slots: Slot[] = [];
export const found: Found[] = [];
let enabled: (patch: Patch) => boolean = () => true;

export const sourceHash = (source: unknown): string => createHash('sha256').update(String(source)).digest('hex');
const methodOf = (patch: Patch): string => patch.target.slice(patch.target.lastIndexOf('.') + 1);

/**
 * Applies `patch` to `owner` if the original there is the source it declares; otherwise leaves
 * the original in place. Patches of one method stack in the order they are applied.
 */
export function applyPatch(patch: Patch, owner: object): boolean {
  const record = owner as Record<string, unknown>;
  const method = methodOf(patch);
  let slot = slots.find((s) => s.owner === record && s.method === method);
  if (slot?.patches.includes(patch)) return true;
  const original = slot ? slot.original : record[method];
  const applied = sourceHash(original) === patch.sha256;
  if (!found.some((f) => f.patch === patch && f.original === original)) found.push({ patch, original, applied });
  if (!applied) return false;
  if (!slot) slots.push((slot = { owner: record, method, original, patches: [] }));
  slot.patches.push(patch);
  compose(slot);
  return true;
}

function compose(slot: Slot): void {
  let method = slot.original;
  for (const patch of slot.patches) if (enabled(patch) && (!patch.needs || enabled(patch.needs))) method = patch.replace(method as never);
  slot.owner[slot.method] = method;
}

/** Leaves only the applied patches `filter` keeps in effect (test/speedups.test.ts builds with and without each). */
export function enablePatches(filter: (patch: Patch) => boolean): void {
  enabled = filter;
  for (const slot of slots) compose(slot);
}
