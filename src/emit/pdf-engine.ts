import { createRequire } from 'node:module';
import { registeredFamilies, type LoadedFont } from '../infra/fonts.js';
import { installPatches } from './patches/index.js';
import { deflateFontsAhead } from './patches/behaviour/pdfkit-font-deflate.js';
import { waitHere, type WaitAside } from '../infra/turns.js';

interface PdfMake {
  /** Its files by name (no name starts with '/', which pdfmake would strip). */
  virtualfs: { writeFileSync(name: string, data: Buffer): void; storage: Record<string, Buffer> };
  setFonts(fonts: Record<string, FontFiles>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getStream(): Promise<object>; getBuffer(): Promise<Buffer> };
}
interface FontFiles {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

let loaded: PdfMake | undefined;

/** pdfmake, patched, on first use: importing licheng changes nothing in pdfmake, pdfkit or fontkit. */
function pdfmake(): PdfMake {
  if (loaded) return loaded;
  installPatches();
  loaded = createRequire(import.meta.url)('pdfmake') as PdfMake;
  // Every resource a document uses is handed over in memory (virtual fs or data URL):
  // pdfmake itself never fetches a URL and never reads the disk.
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy(() => false);
  return loaded;
}

/** The families as pdfmake last received them (name and files), and the font files in its virtual fs. */
let given = '';
const written = new Set<string>();

/**
 * Hands pdfmake the families registered now (src/infra/fonts.ts), when they changed since the last
 * render. The very buffers fonts.ts parsed go into pdfmake's virtual fs, so pdfkit's fontkit finds
 * them parsed; the files of families fonts.ts has dropped leave it, so that their memory goes too.
 */
function giveFamilies(engine: PdfMake): void {
  // By name: registering a family again moves it within fonts.ts's order, which changes nothing here.
  const families = [...registeredFamilies()].sort((a, b) => (a.family.name < b.family.name ? -1 : 1));
  const current = families.map(({ family }) => `${family.name}\n${family.regular}\n${family.bold}`).join('\n');
  if (current === given) return;
  const key = (font: LoadedFont): string => `font:${font.file}`;
  const fonts: Record<string, FontFiles> = {};
  const used = new Set<string>();
  for (const { family, regular, bold } of families) {
    for (const font of [regular, bold]) {
      used.add(key(font));
      if (!written.has(key(font))) engine.virtualfs.writeFileSync(key(font), font.data);
      written.add(key(font));
    }
    // pdfmake needs a file for every style; CJK fonts have no italics.
    fonts[family.name] = { normal: key(regular), bold: key(bold), italics: key(regular), bolditalics: key(bold) };
  }
  for (const name of written) {
    if (used.has(name)) continue;
    delete engine.virtualfs.storage[name];
    written.delete(name);
  }
  engine.setFonts(fonts);
  given = current;
}

/**
 * A PDF's bytes. Its font subsets are deflated on the thread pool before the PDF is written;
 * `aside` is how the caller waits for that (a build typesets another document meanwhile).
 */
export async function renderPdf(definition: object, aside: WaitAside = waitHere): Promise<Buffer> {
  const engine = pdfmake();
  giveFamilies(engine);
  const output = engine.createPdf(definition);
  // Typeset and drawn; the PDF is written (getBuffer) once its fonts are deflated.
  await aside(deflateFontsAhead(await output.getStream()));
  return output.getBuffer();
}
