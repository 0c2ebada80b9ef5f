/**
 * Which glyphs of a font fontkit's shaping of horizontal text can change or be changed by: those
 * named by a lookup (as a covered glyph, a pair's second glyph, a ligature's component, a class
 * other than 0) of a feature fontkit 2.0.4 applies by default (its default shaper: `rvrn`, the
 * fractions, `ccmp`, `locl`, `rlig`, `mark`, `mkmk`, `calt`, `clig`, `liga`, `rclt`, `curs`, `kern`,
 * `ltra`, `ltrm`), and marks (lookups that skip marks would see past them). A glyph named by none
 * keeps its advance and changes nothing around it, whatever the script and language chosen.
 *
 * Only fonts whose lookups this reads to the end are answered: OpenType with GSUB and GPOS, no
 * legacy `kern` or AAT tables, no feature variations, no contextual lookups (a class-0 context
 * could match any glyph), no lookup skipping bases or ligatures or filtering marks, and no pair
 * class 0 with a value. Any other font gets `undefined`: it is shaped as before.
 */
/** An array as fontkit parses it: a plain array, or one decoded on demand. */
type Listed<T> = ArrayLike<T> | { toArray(): T[] };
interface Coverage {
  version: number;
  glyphs?: Listed<number>;
  rangeRecords?: Listed<{ start: number; end: number }>;
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: Listed<number>;
  classRangeRecord?: Listed<{ start: number; end: number; class: number }>;
}
/** fontkit's pair class records: rows of class-2 records, each decoded when asked for. */
interface Rows {
  length: number;
  get(i: number): { get(j: number): { value1?: unknown; value2?: unknown } | undefined };
}
interface SubTable {
  [key: string]: unknown;
}
interface Lookup {
  lookupType: number;
  flags: { markAttachmentType: number; flags: Record<string, boolean> };
  subTables: Listed<SubTable>;
}
interface LayoutTable {
  featureList: Listed<{ tag: string; feature: { lookupListIndexes: Listed<number> } }>;
  lookupList: Listed<Lookup>;
  featureVariations?: unknown;
}
export interface ShapedFont {
  numGlyphs: number;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  kern?: unknown;
  morx?: unknown;
}

const applied = new Set(['rvrn', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'ltra', 'ltrm']);
/** Lookup types that name their glyphs in the fields read below (GSUB 1–4, GPOS 1–6); 7 and 9 are extensions. */
const read = { GSUB: new Set([1, 2, 3, 4]), GPOS: new Set([1, 2, 3, 4, 5, 6]) };
const extension = { GSUB: 7, GPOS: 9 };
const coverageFields = ['coverage', 'markCoverage', 'baseCoverage', 'ligatureCoverage', 'mark1Coverage', 'mark2Coverage'];

const list = <T>(items: Listed<T> | undefined): ArrayLike<T> => (items && 'toArray' in items ? items.toArray() : (items ?? []));

/** Cannot say: the font is shaped as fontkit shapes it. */
class Unreadable extends Error {}

function markCoverage(reached: Uint8Array, coverage: Coverage | undefined): void {
  if (!coverage) return;
  if (coverage.version === 1) for (const glyph of Array.from(list(coverage.glyphs))) reached[glyph] = 1;
  else if (coverage.version === 2) for (const range of Array.from(list(coverage.rangeRecords))) reached.fill(1, range.start, range.end + 1);
  else throw new Unreadable();
}

function markClasses(reached: Uint8Array, classDef: ClassDef | undefined): void {
  if (!classDef) return;
  if (classDef.version === 1) {
    const values = Array.from(list(classDef.classValueArray));
    values.forEach((value, i) => {
      if (value !== 0) reached[classDef.startGlyph! + i] = 1;
    });
  } else if (classDef.version === 2) {
    for (const range of Array.from(list(classDef.classRangeRecord))) if (range.class !== 0) reached.fill(1, range.start, range.end + 1);
  } else throw new Unreadable();
}

const hasValue = (record: unknown): boolean => record !== null && typeof record === 'object' && Object.values(record).some((v) => typeof v === 'number' && v !== 0);

function markSubTable(reached: Uint8Array, table: 'GSUB' | 'GPOS', type: number, sub: SubTable): void {
  if (type === extension[table]) return markSubTable(reached, table, sub.lookupType as number, sub.extension as SubTable);
  if (!read[table].has(type)) throw new Unreadable();
  for (const field of coverageFields) markCoverage(reached, sub[field] as Coverage | undefined);
  if (table === 'GSUB' && type === 4)
    for (const set of Array.from(list(sub.ligatureSets as Listed<Listed<{ components: Listed<number> }>>)))
      for (const ligature of Array.from(list(set))) for (const glyph of Array.from(list(ligature.components))) reached[glyph] = 1;
  if (table === 'GPOS' && type === 2) {
    for (const set of Array.from(list(sub.pairSets as Listed<Listed<{ secondGlyph: number }>> | undefined)))
      for (const pair of Array.from(list(set))) reached[pair.secondGlyph] = 1;
    markClasses(reached, sub.classDef1 as ClassDef | undefined);
    markClasses(reached, sub.classDef2 as ClassDef | undefined);
    // A glyph outside classDef2 is of class 0: a pair ending in it is adjusted by column 0 (rows decode on demand).
    const rows = sub.classRecords as Rows | undefined;
    for (let i = 0; rows && i < rows.length; i++) {
      const first = rows.get(i).get(0);
      if (first && (hasValue(first.value1) || hasValue(first.value2))) throw new Unreadable();
    }
  }
}

function markTable(reached: Uint8Array, font: ShapedFont, table: 'GSUB' | 'GPOS'): void {
  const layout = font[table];
  if (!layout || layout.featureVariations) throw new Unreadable();
  const lookups = list(layout.lookupList);
  const used = new Set<number>();
  for (const { tag, feature } of Array.from(list(layout.featureList))) if (applied.has(tag)) for (const i of Array.from(list(feature.lookupListIndexes))) used.add(i);
  for (const i of used) {
    const lookup = lookups[i];
    if (!lookup) throw new Unreadable();
    const { flags, markAttachmentType } = lookup.flags;
    if (flags.ignoreBaseGlyphs || flags.ignoreLigatures || flags.useMarkFilteringSet || markAttachmentType) throw new Unreadable();
    for (const sub of Array.from(list(lookup.subTables))) markSubTable(reached, table, lookup.lookupType, sub);
  }
}

/** Marks (GDEF class 3): lookups that skip marks would reach past them. */
function markMarks(reached: Uint8Array, font: ShapedFont): void {
  const classDef = font.GDEF?.glyphClassDef;
  if (!classDef) return;
  if (classDef.version === 1) {
    Array.from(list(classDef.classValueArray)).forEach((value, i) => {
      if (value === 3) reached[classDef.startGlyph! + i] = 1;
    });
  } else for (const range of Array.from(list(classDef.classRangeRecord))) if (range.class === 3) reached.fill(1, range.start, range.end + 1);
}

const known = new WeakMap<object, Uint8Array | null>();

/** Per glyph id, 1 where shaping can reach the glyph; `undefined` for a font this cannot read. */
export function shapingReach(font: ShapedFont): Uint8Array | undefined {
  let reached = known.get(font);
  if (reached === undefined) {
    reached = new Uint8Array(font.numGlyphs + 1);
    try {
      if (font.kern || font.morx || !font.GDEF) throw new Unreadable();
      markTable(reached, font, 'GSUB');
      //MUT markTable(reached, font, 'GPOS');
      markMarks(reached, font);
      reached[0] = 1;
    } catch {
      // Unreadable, or tables fontkit could not parse: fontkit shapes that font as it would anyway.
      reached = null;
    }
    known.set(font, reached);
  }
  return reached ?? undefined;
}
