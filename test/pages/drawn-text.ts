import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A piece of text as the page draws it: its font (BaseFont, e.g. ABCDEF+NotoSansMono-Regular) and fill colour. */
export interface DrawnText {
  page: number;
  text: string;
  font: string;
  /** Fill colour as #rrggbb. */
  color: string;
  /** Set under a skewing transform (oblique). */
  slanted: boolean;
}

/** An image as drawn: its page, placed width and height, and position (points, from the bottom left). */
export interface DrawnImage {
  page: number;
  width: number;
  height: number;
  x: number;
  y: number;
}

/** pdfjs gives a fill colour as a hex string, or as r, g, b (0–255), alone or in one array. */
function hex(args: unknown[]): string {
  if (typeof args[0] === 'string') return args[0].toLowerCase();
  const values = Array.from((typeof args[0] === 'object' ? args[0] : args) as ArrayLike<number>).slice(0, 3);
  return `#${values.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** A filled circle (a path of four curves, as pdfkit draws one): its page and centre. */
export interface DrawnCircle {
  page: number;
  x: number;
  y: number;
}

/** Reads back what each page draws: text with its font and colour, images with their placement, circles. */
export async function drawn(data: Uint8Array): Promise<{ texts: DrawnText[]; images: DrawnImage[]; circles: DrawnCircle[] }> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const texts: DrawnText[] = [];
  const images: DrawnImage[] = [];
  const circles: DrawnCircle[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    let font = '';
    let color = '#000000';
    let matrix = [1, 0, 0, 1, 0, 0];
    let skewed = false;
    const saved: boolean[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.setFont) font = (page.commonObjs.get(args[0] as string) as { name: string }).name;
      else if (fn === OPS.setFillRGBColor) color = hex(args);
      else if (fn === OPS.save) saved.push(skewed);
      else if (fn === OPS.restore) skewed = saved.pop() ?? false;
      else if (fn === OPS.transform) {
        matrix = args as number[];
        if (matrix[2] !== 0 && matrix[1] === 0) skewed = true;
      } else if (fn === OPS.constructPath) {
        const [path, , box] = args as [number[], number[], number[]];
        const curves = path.filter((op) => op === OPS.curveTo).length;
        if (curves === 4 && path.length <= 6 && box) circles.push({ page: n, x: (box[0]! + box[2]!) / 2, y: (box[1]! + box[3]!) / 2 });
      } else if (fn === OPS.paintImageXObject) images.push({ page: n, width: matrix[0]!, height: matrix[3]!, x: matrix[4]!, y: matrix[5]! });
      else if (fn === OPS.showText) {
        const text = (args[0] as ({ unicode?: string } | number | null)[]).map((g) => (g && typeof g === 'object' ? (g.unicode ?? '') : '')).join('');
        if (text) texts.push({ page: n, text, font, color, slanted: skewed });
      }
    }
  }
  await doc.destroy();
  return { texts, images, circles };
}
