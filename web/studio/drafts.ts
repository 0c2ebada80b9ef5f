import { boot } from './dom.js';

/** Unsaved text kept in the browser, so a reload or a closed tab never loses it. */
export interface Draft {
  text: string;
  /** The version on disk the edits started from: saving checks it (a conflict otherwise). */
  version: string;
}

const key = (path: string) => `licheng-studio:${boot.rootUri}:${path}`;

export function loadDraft(path: string): Draft | undefined {
  const raw = localStorage.getItem(key(path));
  try {
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

export function keepDraft(path: string, draft: Draft): void {
  try {
    localStorage.setItem(key(path), JSON.stringify(draft));
  } catch {
    // Storage full: the edits stay in the editor; saving still works.
  }
}

export const dropDraft = (path: string): void => localStorage.removeItem(key(path));
