/** One row of two versions side by side: a line of each (absent where the other side has more), and whether they differ. */
export interface DiffRow {
  mine?: string;
  disk?: string;
  changed: boolean;
}

/**
 * Two texts line by line, aligned for reading side by side: the lines both keep (their longest common
 * sequence) face each other, and each run of lines between them pairs up, the shorter side padded.
 */
export function alignLines(mine: string, disk: string): DiffRow[] {
  const a = mine.split('\n');
  const b = disk.split('\n');
  // Lines shared at the start and at the end need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const n = a.length - start - end;
  const m = b.length - start - end;
  // common[i * (m + 1) + j]: how many lines a[start + i …] and b[start + j …] have in common, in order.
  const common = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => common[i * (m + 1) + j]!;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) common[i * (m + 1) + j] = a[start + i] === b[start + j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const rows: DiffRow[] = a.slice(0, start).map((line) => ({ mine: line, disk: line, changed: false }));
  let mineRun: string[] = [];
  let diskRun: string[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(mineRun.length, diskRun.length); k++) rows.push({ mine: mineRun[k], disk: diskRun[k], changed: true });
    mineRun = [];
    diskRun = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      flush();
      rows.push({ mine: a[start + i], disk: b[start + j], changed: false });
      i++;
      j++;
    } else if (j >= m || (i < n && at(i + 1, j) >= at(i, j + 1))) mineRun.push(a[start + i++]!);
    else diskRun.push(b[start + j++]!);
  }
  flush();
  for (const line of a.slice(a.length - end)) rows.push({ mine: line, disk: line, changed: false });
  return rows;
}
