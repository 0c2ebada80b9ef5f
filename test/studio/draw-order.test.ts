import { describe, expect, it } from 'vitest';
import { nextPageToDraw } from '../../web/preview/draw-order.js';

/** Five A4 sheets 1000 px tall with 16 px between them. */
const pages = Array.from({ length: 5 }, (_, i) => ({ top: 16 + i * 1016, height: 1000 }));
const all = new Set([0, 1, 2, 3, 4]);

describe('which preview page is drawn next', () => {
  it('the most visible page first, then the other page on screen', () => {
    // The view shows the bottom 300 px of page 2 and the top 400 px of page 3.
    const view = { top: 2032 + 700, height: 716 };
    expect(nextPageToDraw(pages, all, view, false)).toBe(3);
    expect(nextPageToDraw(pages, new Set([0, 1, 2, 4]), view, false)).toBe(2);
  });

  it('pages off screen wait for a pause, then go nearest first', () => {
    // The view lies inside page 2, 100 px below page 1 and 232 px above page 3.
    const view = { top: 2132, height: 700 };
    expect(nextPageToDraw(pages, new Set([0, 1, 3, 4]), view, false)).toBeUndefined();
    expect(nextPageToDraw(pages, new Set([0, 1, 3, 4]), view, true)).toBe(1);
    expect(nextPageToDraw(pages, new Set([0, 3, 4]), view, true)).toBe(3);
    expect(nextPageToDraw(pages, new Set([0, 4]), view, true)).toBe(0);
    expect(nextPageToDraw(pages, new Set(), view, true)).toBeUndefined();
  });
});
