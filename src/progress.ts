/**
 * What long work reports while it runs, for a terminal to show (only src/cli prints): documents
 * typeset, bundles packed, category files merged, and how far a 影音檔's encoding is.
 */
export type Progress =
  /** `thread`: which of the build's threads typeset it, 0 the calling one (1 and up: worker threads, with `jobs`). */
  | { kind: 'document'; done: number; total: number; file: string; thread: number }
  | { kind: 'target'; done: number; total: number; name: string }
  | { kind: 'merge'; file: string }
  | { kind: 'media'; file: string; fraction: number };

export type OnProgress = (progress: Progress) => void;
