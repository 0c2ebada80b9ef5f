import type { Patch } from '../registry.js';

/**
 * A font's ToUnicode map lists, for each glyph of the document's subset, the characters it stands
 * for: pdfkit wrote each as an array of hex strings joined, a dozen small strings a glyph, in every
 * document. The characters are the glyph's own (`codePoints`, an array fontkit keeps per glyph,
 * and the glyphs themselves are shared between documents), so each glyph's entry is written once
 * and kept with that array. The map is put together as pdfkit does, to the byte.
 */
interface Reference {
  end(chunk: string): void;
}
interface Font {
  unicode: unknown[];
  document: { ref(): Reference };
}
type ToUnicodeCmap = (this: Font) => Reference;

/** pdfkit's `toHex`: the last four hex digits. */
const toHex = (n: number): string => `0000${n.toString(16)}`.slice(-4);

/** Each glyph's characters (fontkit's array) as pdfkit writes its entry: `<hex hex>`, UTF-16. */
const entries = new WeakMap<readonly number[], string>();

function entryOf(codePoints: readonly number[]): string {
  let entry = entries.get(codePoints);
  if (entry !== undefined) return entry;
  const encoded: string[] = [];
  for (let value of codePoints) {
    if (value > 0xffff) {
      value -= 0x10000;
      encoded.push(toHex(((value >>> 10) & 0x3ff) | 0xd800));
      value = 0xdc00 | (value & 0x3ff);
    }
    encoded.push(toHex(value));
  }
  entry = `<${encoded.join(' ')}>`;
  // fontkit sets a glyph's characters when it makes the glyph and changes them no more.
  entries.set(codePoints, entry);
  return entry;
}

const chunkSize = 256;

export const unicodeCmap: Patch = {
  name: 'ToUnicode entries kept per glyph',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'EmbeddedFont.prototype.toUnicodeCmap',
  sha256: '7d82f272ed09d95ce692f46e2b82c318cebc17f18673f65f24bdea44cf5817fc',
  kind: 'speed',
  replace: (original: ToUnicodeCmap): ToUnicodeCmap =>
    function toUnicodeCmap() {
      const unicode = this.unicode;
      // pdfkit reads every entry (a hole would throw in its loop): anything else is its own to write.
      for (let i = 0; i < unicode.length; i++) if (!Array.isArray(unicode[i])) return original.call(this);
      const cmap = this.document.ref();
      const ranges: string[] = [];
      for (let start = 0; start < unicode.length; start += chunkSize) {
        const end = Math.min(start + chunkSize, unicode.length);
        let list = entryOf(unicode[start] as number[]);
        for (let i = start + 1; i < end; i++) list += ` ${entryOf(unicode[i] as number[])}`;
        ranges.push(`<${toHex(start)}> <${toHex(end - 1)}> [${list}]`);
      }
      cmap.end(`\
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end\
`);
      return cmap;
    },
};
