import { createRequire } from 'node:module';
import { registeredFamilies, type LoadedFont } from '../infra/fonts.js';
import { installPatches } from './patches/index.js';

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, FontFiles>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
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

/** The files of each family as pdfmake last received them. */
const given = new Map<string, string>();

/**
 * Hands pdfmake the families registered since the last render (src/infra/fonts.ts). The very
 * buffers fonts.ts parsed go into pdfmake's virtual fs, so pdfkit's fontkit finds them parsed.
 */
function giveFamilies(engine: PdfMake): void {
  const key = (font: LoadedFont): string => {
    const name = `font:${font.file}`;
    if (!engine.virtualfs.existsSync(name)) engine.virtualfs.writeFileSync(name, font.data);
    return name;
  };
  for (const { family, regular, bold } of registeredFamilies()) {
    const files = `${family.regular}\n${family.bold}`;
    if (given.get(family.name) === files) continue;
    // pdfmake needs a file for every style; CJK fonts have no italics.
    engine.addFonts({ [family.name]: { normal: key(regular), bold: key(bold), italics: key(regular), bolditalics: key(bold) } });
    given.set(family.name, files);
  }
}

export async function renderPdf(definition: object): Promise<Buffer> {
  const engine = pdfmake();
  giveFamilies(engine);
  return engine.createPdf(definition).getBuffer();
}
