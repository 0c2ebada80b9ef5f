import { describe, expect, it } from 'vitest';
import { nameTreeKeys } from '../../src/emit/patches/speed/pdfkit-name-tree-keys.js';
import { sourceHash } from '../../src/emit/patches/registry.js';
import { pdfmakeRequire } from '../../src/infra/vendor.js';

type CompareKeys = (this: unknown, a: string, b: string) => number;
const PDFDocument = pdfmakeRequire('pdfkit') as new (options: object) => { _root: { data: { Names: { data: { Dests: object } } } } };
const tree = new PDFDocument({ autoFirstPage: false })._root.data.Names.data.Dests;
const original = (Object.getPrototypeOf(tree) as { _compareKeys: CompareKeys })._compareKeys;
const patched = nameTreeKeys.replace(original as never) as CompareKeys;
const sign = (n: number) => Math.sign(n);

describe('heading destinations sorted without ICU (speed patch of PDFNameTree._compareKeys)', () => {
  it('is written against pdfkit’s own comparison', () => {
    expect(sourceHash(original)).toBe(nameTreeKeys.sha256);
  });

  it('orders every pair of keys as localeCompare does', () => {
    const headings = ['doc', ...Array.from({ length: 120 }, (_, i) => `doc.${i + 1}`)];
    // Keys it hands to localeCompare: other shapes, where collation and code units part ways.
    const others = [
      'doc.1.2',
      'doc.12',
      'doc.1.3',
      'doc.a',
      'doc.B',
      'doc-1',
      'doc_1',
      'Doc.1',
      'doc.１',
      '文件.1',
      '文件.10',
      'doc.',
      'doc..1',
      'a',
      'B',
      '',
      '10',
      '9',
      '.5',
      '5',
    ];
    const keys = [...headings, ...others];
    for (const a of keys) for (const b of keys) expect(sign(patched.call(tree, a, b)), `${a} vs ${b}`).toBe(sign(original.call(tree, a, b)));
  });

  it('sorts a document’s destinations as pdfkit does', () => {
    const keys = ['doc', ...Array.from({ length: 40 }, (_, i) => `doc.${40 - i}`)];
    expect([...keys].sort((a, b) => patched.call(tree, a, b))).toEqual([...keys].sort((a, b) => original.call(tree, a, b)));
  });
});
