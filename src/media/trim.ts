/** A part of a clip to keep, in seconds from its start. `end` undefined: to the end. */
export interface Trim {
  start: number;
  end?: number;
}

/** `90`, `1:30`, `0:01:30.5` → seconds; undefined when it is not a time. */
export function parseTime(text: string): number | undefined {
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(text.trim())) return undefined;
  return text
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** `START-END` as given to `--trim` (`0:10-1:40`, `10-100`, `1:00-` to the end); undefined when malformed. */
export function parseTrim(text: string): Trim | undefined {
  const match = /^\s*([^-]*)-([^-]*)\s*$/.exec(text);
  if (!match) return undefined;
  const start = match[1]!.trim() === '' ? 0 : parseTime(match[1]!);
  const end = match[2]!.trim() === '' ? undefined : parseTime(match[2]!);
  if (start === undefined || (match[2]!.trim() !== '' && end === undefined)) return undefined;
  if (end !== undefined && end <= start) return undefined;
  return { start, end };
}
