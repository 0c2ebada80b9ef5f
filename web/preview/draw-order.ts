/** A page's place in the scrolled column, in CSS pixels from the column's top. */
export interface PageSpan {
  top: number;
  height: number;
}

/** The part of the column on screen. */
export interface ViewSpan {
  top: number;
  height: number;
}

/**
 * Which of the pages still to draw comes next: the most visible page first (the one the student is
 * reading), then the others on screen. Pages off screen keep their last picture until the student
 * scrolls to them, or until typing pauses (`offScreen`), then the nearest first: a keystroke costs
 * the pages in view, however long the document. Undefined when nothing is left to draw now.
 */
export function nextPageToDraw(pages: readonly PageSpan[], stale: Iterable<number>, view: ViewSpan, offScreen: boolean): number | undefined {
  let best: number | undefined;
  let bestScore = Infinity;
  for (const index of stale) {
    const page = pages[index];
    if (!page) continue;
    const visible = Math.min(page.top + page.height, view.top + view.height) - Math.max(page.top, view.top);
    // On screen: minus how much of it shows; off screen: how far it is from the screen.
    const score = visible > 0 ? -visible : Math.max(view.top - (page.top + page.height), page.top - (view.top + view.height));
    if (score >= 0 && !offScreen) continue;
    if (score < bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}
