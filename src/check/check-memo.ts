import type { Diagnostic } from '../diagnostics.js';
import type { PortfolioDocument } from '../model/document.js';
import type { LoadedDocument } from '../model/load.js';
import type { YearRecord } from './portfolio-rules.js';

/** One document as read from exactly `text`, and, once checked, what its rules found. */
export interface DocumentEntry {
  text: string;
  /** The saved file's size and times when `text` was read from it (none for an editor's unsaved text). */
  stamp?: string;
  loaded: LoadedDocument;
  checked?: { diagnostics: Diagnostic[]; year: YearRecord | undefined };
}

/** A target's findings, and the document entries it looked up to find them. */
export interface TargetEntry {
  consulted: ReadonlyMap<string, DocumentEntry | undefined>;
  diagnostics: Diagnostic[];
}

/** What was found in one portfolio while its settings and targets (`key`) stay as they were. */
export interface PortfolioMemo {
  key: string;
  documents: Map<string, DocumentEntry>;
  targets: Map<string, TargetEntry>;
}

/**
 * What `check` found per document and per target, kept between checks of the same portfolios: an
 * editor checks on every keystroke, and only the document typed in (and the targets that list it)
 * has anything new to say. Entries are keyed by text, so a stale one is never used for a changed file.
 */
export class CheckMemo {
  private readonly portfolios = new Map<string, PortfolioMemo>();

  /** The memo of a portfolio whose settings and targets are `key`: an empty one when they changed. */
  portfolio(id: string, key: string): PortfolioMemo {
    let memo = this.portfolios.get(id);
    if (!memo || memo.key !== key) this.portfolios.set(id, (memo = { key, documents: new Map(), targets: new Map() }));
    return memo;
  }

  /**
   * Files changed on disk besides the texts checked (a photo added to media/, a form template):
   * a document's findings depend on them too, so nothing found before is used again.
   */
  forget(): void {
    this.portfolios.clear();
  }
}

/** A target's view of the documents: which of them it looked up is recorded, to know when its findings are stale. */
export class ConsultedIndex extends Map<string, PortfolioDocument | undefined> {
  readonly consulted = new Set<string>();

  override get(path: string): PortfolioDocument | undefined {
    this.consulted.add(path);
    return super.get(path);
  }

  override has(path: string): boolean {
    this.consulted.add(path);
    return super.has(path);
  }
}
