import type { z } from 'zod';

/**
 * The front-matter keys whose values are valid on their own, when the front matter as a whole is
 * not (a YAML slip, a required key missing, one wrong value): what the body's rules may still use
 * (團隊 for 個人貢獻度, 模板 for the pack's sections, 報考校系 for 自述段落).
 */
export function readableKeys(schema: z.ZodObject, data: Record<string, unknown>): Record<string, unknown> {
  const readable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const parsed = schema.shape[key]?.safeParse(value);
    if (parsed?.success && parsed.data !== undefined) readable[key] = parsed.data;
  }
  return readable;
}
