import type { Lang } from '../../src/messages.js';

/** An element with attributes (`on…` for listeners) and children, without innerHTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value as EventListener);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) element.append(child);
  return element;
}

interface Boot {
  lang: Lang;
  rootUri: string;
  name: string;
}

export const boot = JSON.parse(document.getElementById('boot')!.textContent!) as Boot;

/** One text of the catalog in the page's language. */
export const t = (text: Record<Lang, string>): string => text[boot.lang];

/** `1,234,567 bytes` as `1.2 MB`: how a student reads sizes (decimal, as the caps are). */
export function size(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
