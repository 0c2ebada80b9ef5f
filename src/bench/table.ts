/** One printed figure: what was measured, its value, the target it is held to and whether it meets it. */
export interface Row {
  figure: string;
  value: string;
  target?: string;
  ok?: boolean;
}

const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'ok' : 'MISS');

/** Plain fixed-width table; figures are ASCII so padding by length lines up. */
export function formatTable(rows: readonly Row[]): string {
  const cells = [['figure', 'value', 'target', ''], ...rows.map((r) => [r.figure, r.value, r.target ?? '', mark(r.ok)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((s, i) => (i === 1 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** Megabytes as in the targets: 10^6 bytes. */
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
