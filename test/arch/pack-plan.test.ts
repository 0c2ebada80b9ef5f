import { describe, expect, it } from 'vitest';
import type { ChosenItem } from '../../src/check/target-rules.js';
import type { Target } from '../../src/model/target.js';
import { planBundle } from '../../src/pack/plan.js';

const target = { school: '國立臺灣科技大學', department: '電機工程系', channel: '甄選入學', admissionYear: 114, caps: { C: 4 } } as Target;
const item = (code: ChosenItem['code'], path: string, line: number): ChosenItem => ({ code, path, written: path, place: { line, column: 7 } });

describe('a bundle plan, made before anything is typeset', () => {
  const items = [
    item('B-1', '/p/courses/watering.md', 8),
    item('C', '/p/performances/contest.md', 10),
    item('B-1', '/p/courses/roll-call.md', 9),
    item('D-3', '/p/media/award.pdf', 12),
    item('D-3', '/p/media/scan.png', 13),
  ];
  const plan = planBundle(target, items, [{ line: 13, column: 7 }]);

  it('names each single item by its code and its place among that code', () => {
    expect(plan.singles.map((s) => s.stem)).toEqual([
      'items/B-1-1-watering',
      'items/C-1-contest',
      'items/B-1-2-roll-call',
      'items/D-3-1-award.pdf',
      'items/D-3-2-scan.png',
    ]);
  });

  it('gathers the category files in upload order, with their names', () => {
    expect(plan.categories.map((c) => [c.file, c.name, c.items.map((i) => i.path)])).toEqual([
      ['B-1', '專題實作及實習科目學習成果', ['/p/courses/watering.md', '/p/courses/roll-call.md']],
      ['B-2', '其他課程學習成果', []],
      ['C', '多元表現', ['/p/performances/contest.md']],
      ['D-1', '多元表現綜整心得', []],
      ['D-2', '學習歷程自述', []],
    ]);
  });

  it('counts each code against the target’s cap, else the channel’s, and leaves out an attachment reported unusable', () => {
    expect(plan.counts).toEqual([
      { code: 'B-1', count: 2, cap: 3, min: 1 },
      { code: 'B-2', count: 0, cap: 3, min: undefined },
      { code: 'C', count: 1, cap: 4, min: undefined },
      { code: 'D-1', count: 0, cap: undefined, min: undefined },
      { code: 'D-2', count: 0, cap: undefined, min: undefined },
      { code: 'D-3', count: 2, cap: undefined, min: undefined },
    ]);
    expect(plan.attachments.map((i) => i.path)).toEqual(['/p/media/award.pdf']);
  });

  it('dates the bundle 1 January of its admission year (民國 114 is 2025), never by the clock', () => {
    expect(plan.date.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(plan.subject).toBe('國立臺灣科技大學 電機工程系');
  });
});
