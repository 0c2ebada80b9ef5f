import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { locaTable } from '../../src/emit/patches/speed/fontkit-loca-table.js';
import '../../src/emit/patches/index.js';
import { enablePatches, found } from '../../src/emit/patches/registry.js';
import { parseFont } from '../../src/infra/fonts.js';
import { bundledFonts } from '../../src/layout/theme.js';

type Loca = Record<string, unknown> & { offsets: number[] };
type Font = { loca?: Loca; stream: { pos: number }; directory: { tables: Record<string, { offset: number; length: number }> } };

/** A font parsed afresh (no table decoded yet), with or without the patch in effect while its `loca` is read. */
function locaOf(bytes: Buffer, patched: boolean): { loca: Loca | undefined; font: Font; pos: number } {
  enablePatches((patch) => patched || patch !== locaTable);
  try {
    // A copy: fonts are parsed once per buffer.
    const font = parseFont(Buffer.from(bytes)) as unknown as Font;
    const loca = font.loca;
    return { loca, font, pos: font.stream.pos };
  } finally {
    enablePatches(() => true);
  }
}

const hidden = (loca: Loca) => Object.fromEntries(['_startOffset', '_currentOffset', '_length'].map((key) => [key, loca[key]]));

describe('glyph locations read straight from the bytes (speed patch of TTFFont._decodeTable)', () => {
  const fonts = {
    'CJK sans, long offsets': bundledFonts.sans.regular,
    'CJK serif bold, long offsets': bundledFonts.serif.bold,
    'emoji, long offsets': bundledFonts.emoji.regular,
    'WOFF, short offsets': bundledFonts.mono.regular,
  };

  it.each(Object.entries(fonts))('makes the table fontkit makes: %s', (_, file) => {
    const bytes = readFileSync(file);
    const mine = locaOf(bytes, true);
    const theirs = locaOf(bytes, false);
    expect(found.find((f) => f.patch === locaTable)?.applied).toBe(true);
    expect(mine.loca!.offsets.length).toBeGreaterThan(200);
    expect(mine.loca!.offsets).toEqual(theirs.loca!.offsets);
    expect(Object.keys(mine.loca!)).toEqual(Object.keys(theirs.loca!));
    expect({ ...mine.loca, offsets: undefined }).toEqual({ ...theirs.loca, offsets: undefined });
    expect(hidden(mine.loca!)).toEqual(hidden(theirs.loca!));
    expect(mine.loca!.parent).toBe(mine.font);
    expect(mine.pos).toBe(theirs.pos);
  });

  it('leaves a table that runs past the end of the file to fontkit, which gives none', () => {
    const bytes = readFileSync(bundledFonts.emoji.regular);
    const { offset } = (parseFont(Buffer.from(bytes)) as unknown as Font).directory.tables.loca!;
    // Cut in the middle of the table: the directory still says it is whole.
    const cut = bytes.subarray(0, offset + 100);
    expect(locaOf(cut, true).loca).toBe(locaOf(cut, false).loca);
    expect(locaOf(cut, true).loca).toBeUndefined();
  });
});
