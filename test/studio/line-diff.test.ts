import { describe, expect, it } from 'vitest';
import { alignLines } from '../../web/studio/line-diff.js';

const changed = (mine: string, disk: string) =>
  alignLines(mine, disk)
    .filter((row) => row.changed)
    .map((row) => [row.mine, row.disk]);

describe('two versions of a file, line by line', () => {
  it('faces the lines both keep and marks the one that differs', () => {
    const rows = alignLines('a\nb\nc\nd', 'a\nB\nc\nd');
    expect(rows.map((r) => r.changed)).toEqual([false, true, false, false]);
    expect(rows[1]).toEqual({ mine: 'b', disk: 'B', changed: true });
  });

  it('pads the side with fewer lines, so that what follows still faces itself', () => {
    expect(changed('a\nx\ny\nb', 'a\nb')).toEqual([
      ['x', undefined],
      ['y', undefined],
    ]);
    const rows = alignLines('a\nb', 'a\nnew 1\nnew 2\nb');
    expect(rows.at(-1)).toEqual({ mine: 'b', disk: 'b', changed: false });
    expect(rows).toHaveLength(4);
  });

  it('finds the lines in common between several changes', () => {
    expect(changed('1\n2\n3\n4\n5\n6', '1\ntwo\n3\n4\nfive\n6\n7')).toEqual([
      ['2', 'two'],
      ['5', 'five'],
      [undefined, '7'],
    ]);
    expect(alignLines('same\ntext', 'same\ntext').every((row) => !row.changed)).toBe(true);
  });
});
