/** 4 MB, 4.46 MB, 195 KB: decimal units, as the admission systems count; every message says sizes so. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(bytes % 1_000_000 === 0 ? 0 : 2)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(bytes % 1_000 === 0 ? 0 : 1)} KB`;
  return `${bytes} B`;
}
