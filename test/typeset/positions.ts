import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A piece of text as pdf.js reads it back, with where it stands on its page (points, y up). */
export interface PlacedText {
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Every text item of a PDF with its page and position, in content order. */
export async function placedText(data: Uint8Array): Promise<PlacedText[]> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const found: PlacedText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      found.push({
        page: n,
        text: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        size: Math.hypot(item.transform[0], item.transform[1]),
      });
    }
  }
  await doc.destroy();
  return found;
}

/** Body text (not the 8.5 pt running header and footer) grouped in lines: items sharing a page and baseline, left to right. */
export function bodyLines(items: readonly PlacedText[], minSize = 9): PlacedText[][] {
  const lines = new Map<string, PlacedText[]>();
  for (const item of items) {
    if (item.size < minSize) continue;
    const key = `${item.page}:${Math.round(item.y)}`;
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key)!.push(item);
  }
  return [...lines.values()].map((line) => line.sort((a, b) => a.x - b.x));
}

export const lineText = (line: readonly PlacedText[]): string =>
  line
    .map((i) => i.text)
    .join('')
    .replace(/ /g, '');
