/**
 * Which glyphs of a font fontkit's shaping of horizontal text can change or be changed by. A
 * glyph is reached when a lookup of a feature fontkit 2.0.4 applies by default (its default
 * shaper: `rvrn`, the fractions, `ccmp`, `locl`, `rlig`, `mark`, `mkmk`, `calt`, `clig`, `liga`,
 * `rclt`, `curs`, `kern`, `ltra`, `ltrm`) names it as a covered glyph, a ligature's component or a
 * class other than 0, or when it is a mark (lookups that skip marks would see past it). A glyph
 * out of reach keeps its advance and changes nothing around it, whatever script and language the
 * run is shaped in, but for one thing: it may be the second glyph of a kerning pair. Pairs are
 * looked up when asked (`adjusts`), for the few glyphs that end a shaped piece before such a
 * glyph: reading every pair of a CJK face (~14,000) would cost more than the shaping it saves.
 *
 * Only fonts whose lookups this reads to the end are answered: OpenType with GSUB, GPOS and glyph
 * classes, no legacy `kern` or AAT tables, no feature variations, no contextual lookups (a class-0
 * context could match any glyph), no lookup skipping bases or ligatures or filtering marks. Any
 * other font gets `undefined`, and is shaped as before.
 */

/** An array as fontkit parses it: a plain array, or one decoded an item at a time. */
type Listed<T> = ArrayLike<T> | { toArray(): T[]; get(i: number): T };
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface PairValue {
  value1?: unknown;
  value2?: unknown;
}
interface PairTable {
  version: number;
  coverage: Coverage;
  pairSets?: Listed<Listed<PairValue & { secondGlyph: number }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: { get(i: number): { get(j: number): PairValue | undefined } | undefined };
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

export interface Reach {
  /** Per glyph id, 1 where shaping can reach the glyph (marks included). */
  glyphs: Uint8Array;
  /** Whether a pair `first`, `second` may be kerned or moved (`first` a mark: always, it could be skipped). */
  adjusts(first: number, second: number): boolean;
}

const applied = new Set([
  'rvrn',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
  'ltra',
  'ltrm',
]);
/** Lookup types whose glyphs are read below (GSUB 1–4, GPOS 1–6); GSUB 7 and GPOS 9 are extensions of those. */
const read = { GSUB: new Set([1, 2, 3, 4]), GPOS: new Set([1, 2, 3, 4, 5, 6]) };
const extension = { GSUB: 7, GPOS: 9 };
const coverageFields = ['coverage', 'markCoverage', 'baseCoverage', 'ligatureCoverage', 'mark1Coverage', 'mark2Coverage'];

const list = <T>(items: Listed<T> | undefined): ArrayLike<T> => (items && 'toArray' in items ? items.toArray() : (items ?? []));
const item = <T>(items: Listed<T>, i: number): T | undefined => ('get' in items ? items.get(i) : items[i]);

/** Cannot say: the font is shaped as fontkit shapes it. */
class Unreadable extends Error {}

function markCoverage(reached: Uint8Array, coverage: Coverage | undefined): void {
  if (!coverage) return;
  if (coverage.version === 1) for (const glyph of coverage.glyphs ?? []) reached[glyph] = 1;
  else if (coverage.version === 2) for (const range of coverage.rangeRecords ?? []) reached.fill(1, range.start, range.end + 1);
  else throw new Unreadable();
}

/** Glyphs of `classDef` whose class is `only` (any but 0 when not given). */
function markClasses(reached: Uint8Array, classDef: ClassDef | undefined, only?: number): void {
  if (!classDef) return;
  const counts = (value: number) => (only === undefined ? value !== 0 : value === only);
  if (classDef.version === 1) (classDef.classValueArray ?? []).forEach((value, i) => counts(value) && (reached[classDef.startGlyph! + i] = 1));
  else if (classDef.version === 2)
    for (const range of classDef.classRangeRecord ?? [])
      if (counts(range.class)) reached.fill(1, range.start, range.end + 1);
      else throw new Unreadable();
}

function markSubTable(reached: Uint8Array, pairs: PairTable[], table: 'GSUB' | 'GPOS', type: number, sub: SubTable): void {
  if (type === extension[table]) {
    markSubTable(reached, pairs, table, sub.lookupType as number, sub.extension as SubTable);
    return;
  }
  if (!read[table].has(type)) throw new Unreadable();
  for (const field of coverageFields) markCoverage(reached, sub[field] as Coverage | undefined);
  if (table === 'GSUB' && type === 4)
    for (const set of Array.from(list(sub.ligatureSets as Listed<Listed<{ components: number[] }>>)))
      for (const ligature of Array.from(list(set))) for (const glyph of ligature.components) reached[glyph] = 1;
  if (table === 'GPOS' && type === 2) {
    const pair = sub as unknown as PairTable;
    if (pair.version !== 1 && pair.version !== 2) throw new Unreadable();
    markClasses(reached, pair.classDef1);
    markClasses(reached, pair.classDef2);
    pairs.push(pair);
  }
}

function markTable(reached: Uint8Array, pairs: PairTable[], font: ShapedFont, table: 'GSUB' | 'GPOS'): void {
  const layout = font[table];
  if (!layout || layout.featureVariations) throw new Unreadable();
  const used = new Set<number>();
  for (const { tag, feature } of Array.from(list(layout.featureList)))
    if (applied.has(tag)) for (const i of Array.from(list(feature.lookupListIndexes))) used.add(i);
  for (const i of [...used].sort((a, b) => a - b)) {
    // Only the lookups used: a CJK face's others (vertical, proportional) have hundreds of subtables.
    const lookup = item(layout.lookupList, i);
    if (!lookup) throw new Unreadable();
    const { flags, markAttachmentType } = lookup.flags;
    if (flags.ignoreBaseGlyphs || flags.ignoreLigatures || flags.useMarkFilteringSet || markAttachmentType) throw new Unreadable();
    for (const sub of Array.from(list(lookup.subTables))) markSubTable(reached, pairs, table, lookup.lookupType, sub);
  }
}

/** fontkit's `coverageIndex`. */
function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) return coverage.glyphs!.indexOf(glyph);
  for (const range of coverage.rangeRecords ?? []) if (range.start <= glyph && glyph <= range.end) return range.startCoverageIndex + glyph - range.start;
  return -1;
}

/** fontkit's `getClassID`. */
function classOf(classDef: ClassDef, glyph: number): number {
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph!;
    if (i >= 0 && i < classDef.classValueArray!.length) return classDef.classValueArray![i]!;
  } else for (const range of classDef.classRangeRecord ?? []) if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
}

const moves = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && Object.values(value).some((v) => (typeof v === 'number' && v !== 0) || (v !== null && typeof v === 'object'));

/** Whether any pair table, in order, positions `second` after `first` (a pair listed with no values counts). */
function pairAdjusts(pairs: readonly PairTable[], first: number, second: number): boolean {
  for (const table of pairs) {
    const index = coverageIndex(table.coverage, first);
    if (index === -1) continue;
    if (table.version === 1) {
      const set = table.pairSets && item(table.pairSets, index);
      if (set && Array.from(list(set)).some((pair) => pair.secondGlyph === second)) return true;
    } else {
      const pair = table.classRecords?.get(classOf(table.classDef1!, first))?.get(classOf(table.classDef2!, second));
      if (pair && (moves(pair.value1) || moves(pair.value2))) return true;
    }
  }
  return false;
}

const known = new WeakMap<object, Reach | null>();
/** Pairs answered per font before the answers start over (each is a glyph ending a piece and the one after). */
const pairsKept = 50_000;

/** What shaping can reach in `font`; `undefined` for a font this cannot read. */
export function shapingReach(font: ShapedFont): Reach | undefined {
  let reach = known.get(font);
  if (reach === undefined) {
    try {
      if (font.kern || font.morx || !font.GDEF?.glyphClassDef) throw new Unreadable();
      const glyphs = new Uint8Array(font.numGlyphs + 1);
      const marks = new Uint8Array(font.numGlyphs + 1);
      const pairs: PairTable[] = [];
      markTable(glyphs, pairs, font, 'GSUB');
      markTable(glyphs, pairs, font, 'GPOS');
      markClasses(marks, font.GDEF.glyphClassDef, 3);
      markClasses(glyphs, font.GDEF.glyphClassDef, 3);
      glyphs[0] = 1;
      const answers = new Map<number, boolean>();
      const adjusts = (first: number, second: number): boolean => {
        const key = first * 0x10000 + second;
        let answer = answers.get(key);
        if (answers.size >= pairsKept) answers.clear();
        if (answer === undefined) answers.set(key, (answer = marks[first] === 1 || pairAdjusts(pairs, first, second)));
        return answer;
      };
      reach = { glyphs, adjusts };
    } catch {
      // Unreadable, or tables fontkit could not parse: fontkit shapes that font as it always has.
      reach = null;
    }
    known.set(font, reach);
  }
  return reach ?? undefined;
}
