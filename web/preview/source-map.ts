/**
 * The language server's source map: for each typeset block, where it sits on which page and which
 * source lines it came from. Pure lookups, shared by the preview page and its tests.
 */
export interface MapBlock {
  /** 1-based page number. */
  page: number;
  /** PDF points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0-based source lines, inclusive. */
  startLine: number;
  endLine: number;
}

/**
 * The block to show for a cursor on `line`: the narrowest block that covers it; on a line that no
 * block covers (a blank line, front matter that prints nothing), the last block before it; the
 * first block when the line comes before all of them.
 */
export function blockForLine(map: readonly MapBlock[], line: number): MapBlock | undefined {
  let covering: MapBlock | undefined;
  let before: MapBlock | undefined;
  for (const block of map) {
    if (block.startLine <= line && line <= block.endLine) {
      if (!covering || block.endLine - block.startLine < covering.endLine - covering.startLine) covering = block;
    } else if (block.endLine < line && (!before || block.endLine > before.endLine)) {
      before = block;
    }
  }
  return covering ?? before ?? map[0];
}
