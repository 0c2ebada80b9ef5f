/** 4 MB, 4.46 MB, 195 KB: decimal units, as the admission systems count; every message says sizes so. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(bytes % 1_000_000 === 0 ? 0 : 2)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(bytes % 1_000 === 0 ? 0 : 1)} KB`;
  return `${bytes} B`;
}

/** m:ss (or h:mm:ss), as a person reads a clip length. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
