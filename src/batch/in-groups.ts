/**
 * `work` over every item, `size` at a time, the results in the items' order: file system work over
 * a whole roster (thousands of students) overlaps its waits without opening thousands of files at once.
 */
export async function inGroups<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}
