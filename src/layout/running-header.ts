/** Points between the two halves of the running header. */
const gap = 12;
/** The share of the line the item title may take when both texts are too long. */
const titleShare = 0.6;

/**
 * The running header's two texts (student・school on the left, the item title on the right),
 * shortened with … where needed so that both fit on one line: a long school name and a long title
 * would otherwise run into each other and off the page. The title keeps up to 60 % of the line;
 * what either side does not need, the other may use.
 */
export function fitRunningHeader(left: string, right: string, width: number, measure: (text: string) => number): [string, string] {
  const available = width - gap;
  const leftWidth = measure(left);
  const rightWidth = measure(right);
  if (leftWidth + rightWidth <= available) return [left, right];
  const rightRoom = Math.max(available - leftWidth, available * titleShare);
  const leftRoom = available - Math.min(rightWidth, rightRoom);
  return [shorten(left, leftRoom, measure), shorten(right, rightRoom, measure)];
}

/**
 * `text`, or as much of it as fits in `room` followed by …. The width only grows with the kept
 * part, so the longest that fits is found by halving: a 20,000-character title is measured a few
 * dozen times, not once per character dropped.
 */
function shorten(text: string, room: number, measure: (text: string) => number): string {
  if (measure(text) <= room) return text;
  const chars = [...text];
  const cut = (n: number) => `${chars.slice(0, n).join('').trimEnd()}…`;
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (measure(cut(mid)) <= room) fits = mid;
    else tooLong = mid;
  }
  return cut(fits);
}
