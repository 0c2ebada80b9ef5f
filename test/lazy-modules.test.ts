import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { installPatches } from '../src/emit/patches/index.js';
import { pdfkitRequire, pdfmakeRequire } from '../src/infra/vendor.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

/** The package modules a CLI build of `root` read from disk (stand-ins are not), as paths under node_modules. */
function modulesLoadedBy(root: string): string[] {
  const listing = join(mkdtempSync(join(tmpdir(), 'licheng-modules-')), 'listing.cjs');
  writeFileSync(
    listing,
    [
      "const Module = require('node:module');",
      'const loaded = [];',
      // Node 20 loads .cjs files with the .js loader.
      "const load = Module._extensions['.js'];",
      "Module._extensions['.js'] = function (module, filename) { loaded.push(filename); return load.call(this, module, filename); };",
      "process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(loaded) + '\\n'));",
    ].join('\n'),
  );
  const result = spawnSync(process.execPath, ['--require', listing, cli, 'build'], { cwd: root, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => l.startsWith('MODULES '));
  if (!line) throw new Error(result.stderr);
  return (JSON.parse(line.slice('MODULES '.length)) as string[]).map((path) => path.replace(/.*node_modules\//, ''));
}

describe('modules a document without them does not load', () => {
  it('a build of a Markdown document loads neither SVG parsing, PNG decoding nor encryption', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const loaded = modulesLoadedBy(root);
    expect(loaded.some((path) => path.startsWith('pdfkit/'))).toBe(true);
    for (const deferred of ['xmldoc/', 'sax/', 'png-js/', '@noble/hashes/', '@noble/ciphers/', 'pdfmake/js/3rd-party/svg-to-pdfkit/', 'pdfmake/js/qrEnc.js'])
      expect(loaded.filter((path) => path.startsWith(deferred))).toEqual([]);
  });

  describe('the stand-ins pdfkit and pdfmake receive', () => {
    installPatches();

    it('hash and join bytes as @noble/hashes does, once it is loaded', () => {
      const sha2 = pdfkitRequire('@noble/hashes/sha2') as { sha256(data: Uint8Array): Uint8Array };
      const utils = pdfkitRequire('@noble/hashes/utils') as { concatBytes(...parts: Uint8Array[]): Uint8Array };
      const data = Buffer.from('學習歷程檔案 learning portfolio');
      expect(Buffer.from(sha2.sha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
      expect(Buffer.from(utils.concatBytes(new Uint8Array([1, 2]), new Uint8Array([3])))).toEqual(Buffer.from([1, 2, 3]));
    });

    it('parse an SVG as xmldoc does', () => {
      const { XmlDocument } = pdfmakeRequire('xmldoc') as { XmlDocument: new (xml: string) => { name: string; attr: Record<string, string> } };
      const svg = new XmlDocument('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="10" height="10"/></svg>');
      expect(svg.name).toBe('svg');
      expect(svg.attr.width).toBe('120');
    });

    it('encode a QR code and draw an SVG as pdfmake does with its own copies', async () => {
      const qr = pdfmakeRequire('./qrEnc.js') as { __esModule: boolean; default: { measure(node: object): { _canvas: unknown[] } } };
      expect(qr.__esModule).toBe(true);
      expect(qr.default.measure({ qr: 'https://example.org', fit: 100 })._canvas.length).toBeGreaterThan(0);
      const svgToPdf = pdfmakeRequire('./3rd-party/svg-to-pdfkit/source.js') as (doc: object, svg: string, x: number, y: number) => void;
      const PDFDocument = pdfkitRequire('pdfkit') as new (options: object) => NodeJS.ReadableStream & { end(): void };
      const doc = new PDFDocument({ compress: false });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => doc.on('end', resolve));
      svgToPdf(doc, '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="1" y="2" width="30" height="10" fill="#123456"/></svg>', 0, 0);
      doc.end();
      await ended;
      // The rectangle, filled in its colour (0x12 / 255 = 0.070588…).
      expect(Buffer.concat(chunks).toString('latin1')).toMatch(/0\.0705\d* 0\.2039\d* 0\.3372\d* sc/);
    });

    it('decode a PNG as png-js does', async () => {
      const png = await sharp({ create: { width: 37, height: 21, channels: 3, background: '#3a7' } })
        .png()
        .toBuffer();
      const PNG = pdfkitRequire('png-js') as new (data: Buffer) => { width: number; height: number; colors: number };
      const image = new PNG(png);
      expect([image.width, image.height, image.colors]).toEqual([37, 21, 3]);
    });
  });
});
