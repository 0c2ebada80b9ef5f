/** The most of the room a column may take and still count as short. */
const shortShare = 0.4;

/**
 * Widths of columns from their minimum (longest word) and maximum (longest line) content widths,
 * within `room` points, as CSS 2.1 §17.5.2.2 sets automatic tables: every column its maximum when
 * they fit; else each its minimum (a short column: its maximum) plus a share of the rest in
 * proportion to what it still wants; and when even the minimums do not fit, shares of the room in
 * proportion to them (a word wider than its column is cut, as in text).
 */
export function columnWidths(minimum: readonly number[], maximum: readonly number[], room: number): number[] {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const floor = 1;
  if (sum(maximum) <= room) return maximum.map((w) => Math.max(floor, w));
  const least = sum(minimum);
  if (least >= room) return minimum.map((w) => Math.max(floor, least > 0 ? (w / least) * room : room / minimum.length));
  // A column of short lines (a title beside a long summary) stays unwrapped when the others keep their longest words.
  const preferred = maximum.map((w, i) => (w <= room * shortShare ? w : minimum[i]!));
  const base = sum(preferred) <= room ? preferred : minimum;
  const wants = maximum.map((w, i) => Math.max(0, w - base[i]!));
  const wanted = sum(wants);
  const spare = room - sum(base);
  return base.map((w, i) => Math.max(floor, w + (wanted > 0 ? (spare * wants[i]!) / wanted : 0)));
}
