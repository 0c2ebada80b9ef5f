import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfkit sorts a name tree's keys (a heading's destination: `doc`, `doc.1`, `doc.2`, …) with
 * `localeCompare`, whose first call in a process sets up ICU's collator (~6 ms of every first
 * document). Two keys that differ only in digits after a common start, or where one is the other's
 * start, sort alike in every locale's collation and by their code units: those are compared so,
 * the rest by pdfkit's own comparison.
 */
type CompareKeys = (this: unknown, a: string, b: string) => number;

const digits = /^[0-9]*$/;

export const nameTreeKeys: Patch = {
  name: 'heading destinations sorted without ICU',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFNameTree.prototype._compareKeys',
  sha256: '6de34a069a9867d2d286fab5a97066f857b8c93bd08c3909449db1b99a49d7e2',
  kind: 'speed',
  replace: (original: CompareKeys): CompareKeys =>
    function (a, b) {
      let start = 0;
      while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
      const restA = a.slice(start);
      const restB = b.slice(start);
      // A key that is the other's start comes first (digits and full stops are never ignorable).
      const plain = restA === '' || restB === '' ? /^[0-9.]*$/.test(restA + restB) : digits.test(restA) && digits.test(restB);
      if (!plain) return original.call(this, a, b);
      return restA < restB ? -1 : restA > restB ? 1 : 0;
    },
};

/** pdfkit does not export its name tree: it is reached through a document's destinations. */
export function applyNameTreeKeys(document: { _root?: { data?: { Names?: { data?: { Dests?: object } } } } }): void {
  const tree = document._root?.data?.Names?.data?.Dests;
  if (tree) applyPatch(nameTreeKeys, Object.getPrototypeOf(tree) as object);
}
