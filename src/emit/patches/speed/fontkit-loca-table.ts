import { applyPatch, type Patch } from '../registry.js';

/**
 * A TrueType font's `loca` table (where each glyph's outline starts) is read whole the first time
 * a glyph's metrics or outline are asked for: restructure decodes it one number at a time through
 * its generic array type (~4 ms a CJK face of 21,000 glyphs, twice in every first document, for
 * the regular and bold faces). The same object is made straight from the bytes: the same hidden
 * properties, version, offsets (short ones doubled, as fontkit's `process` does) and stream
 * position. Every other table, and a `loca` whose version or length fontkit would not read, is
 * decoded by fontkit.
 */
interface DecodeStream {
  pos: number;
  view: DataView;
}
interface TableEntry {
  tag: string;
  length: number;
}
interface TrueTypeFont {
  stream: DecodeStream;
  head?: { indexToLocFormat?: unknown };
  _getTableStream(tag: string): DecodeStream | null;
}
type DecodeTable = (this: TrueTypeFont, table: TableEntry) => unknown;

export const locaTable: Patch = {
  name: 'glyph locations read straight from the bytes',
  package: 'fontkit',
  version: '2.0.4',
  target: 'TTFFont.prototype._decodeTable',
  sha256: '40f652057da5fe6360e22af15ad8dc63ca897823b0f7b504cab07789de705b03',
  kind: 'speed',
  replace: (original: DecodeTable): DecodeTable =>
    function (table) {
      if (table.tag !== 'loca') return original.call(this, table);
      const version = this.head?.indexToLocFormat;
      const saved = this.stream.pos;
      const stream = this._getTableStream('loca');
      // A version fontkit refuses, an empty table (read to the end of the file) or one running past
      // the end of the file takes fontkit's way, and its errors.
      const size = version === 0 ? 2 : version === 1 ? 4 : 0;
      const count = size ? Math.ceil(table.length / size) : 0;
      if (!stream || !count || stream.pos + count * size > stream.view.byteLength) {
        this.stream.pos = saved;
        return original.call(this, table);
      }
      const start = stream.pos;
      const loca: Record<string, unknown> = {};
      Object.defineProperties(loca, {
        parent: { value: this },
        _startOffset: { value: start },
        _currentOffset: { value: 0, writable: true },
        _length: { value: table.length },
      });
      loca.version = version;
      const offsets: number[] = [];
      const view = stream.view;
      for (let at = start, end = start + count * size; at < end; at += size) offsets.push(size === 2 ? view.getUint16(at) << 1 : view.getUint32(at));
      loca.offsets = offsets;
      loca._currentOffset = count * size;
      if (version === 0) loca._processed = true;
      this.stream.pos = saved;
      return loca;
    },
};

/** fontkit does not export its font class: it is reached through a font it parsed. */
export function applyLocaTable(font: object): void {
  let owner = Object.getPrototypeOf(font) as object | null;
  while (owner && !Object.hasOwn(owner, '_decodeTable')) owner = Object.getPrototypeOf(owner) as object | null;
  if (owner) applyPatch(locaTable, owner);
}
