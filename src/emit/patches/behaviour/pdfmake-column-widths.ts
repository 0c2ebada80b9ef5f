import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * Columns and table columns whose longest words are together wider than the room were each set
 * as wide as its longest word, and the table ran off the page, its last columns cut away (a code
 * block or quote holding a long identifier, a table of many columns). They now share the room in
 * proportion to those widths; a word wider than its column is cut where it must be, as in text.
 */
interface Column {
  width?: unknown;
  _calcWidth: number;
}
type BuildColumnWidths = (this: unknown, columns: Column[], availableWidth: number, offsetTotal?: number, tableNode?: unknown) => void;
const flexible = (column: Column) =>
  column.width === 'auto' || column.width === '*' || column.width === 'star' || column.width === null || column.width === undefined;

export const columnWidths: Patch = {
  name: 'columns share the room they overflowed',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'columnCalculator.buildColumnWidths',
  sha256: '3bd01ec5c2b2b00b76ef56c41ab303869ff550559e1d61fa93d27427bccb2f4a',
  kind: 'behaviour',
  replace: (original: BuildColumnWidths): BuildColumnWidths =>
    function buildColumnWidths(columns, availableWidth, offsetTotal, tableNode) {
      original.call(this, columns, availableWidth, offsetTotal, tableNode);
      let room = availableWidth;
      let used = 0;
      for (const column of columns) {
        if (flexible(column)) used += column._calcWidth;
        else room -= column._calcWidth;
      }
      if (room <= 0 || used <= room + 0.01) return;
      for (const column of columns) if (flexible(column)) column._calcWidth *= room / used;
    },
};

export const installColumnWidths = (): boolean => applyPatch(columnWidths, (pdfmakeRequire('./columnCalculator.js') as { default: object }).default);
