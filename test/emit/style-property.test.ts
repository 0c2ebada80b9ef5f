import { describe, expect, it } from 'vitest';
import { installPatches } from '../../src/emit/patches/index.js';
import { found } from '../../src/emit/patches/registry.js';
import { styleProperty } from '../../src/emit/patches/speed/pdfmake-style-property.js';
import { pdfmakeRequire } from '../../src/infra/vendor.js';

type Stack = { styleOverrides: unknown[]; getProperty(property: string): unknown };
const StyleContextStack = () => (pdfmakeRequire('./StyleContextStack.js') as { default: new (styles: object, defaults: object) => Stack }).default;

describe("the style lookup without pdfmake's Set per call", () => {
  it("answers as pdfmake's own getProperty, through overrides, named styles, extends (cycles too) and defaults", () => {
    installPatches();
    const original = found.find((f) => f.patch === styleProperty && f.applied)?.original as Stack['getProperty'];
    expect(original).toBeTypeOf('function');
    const styles = {
      base: { fontSize: 10, color: 'gray' },
      heading: { extends: 'base', bold: true },
      loud: { extends: ['heading', 'accent'], fontSize: 14 },
      accent: { color: 'red', extends: 'accent' },
      loop: { extends: 'loop2' },
      loop2: { extends: ['loop', 'base'] },
      diamond: { extends: ['left', 'right'] },
      left: { extends: 'base' },
      right: { extends: 'base', italics: true },
    };
    const stacks: unknown[][] = [
      [],
      ['base'],
      ['loud'],
      ['loop'],
      ['diamond'],
      ['missing', { color: 'blue' }, 'heading'],
      [{ fontSize: null, bold: false }, 'loud', { italics: undefined }],
      [new String('heading')],
    ];
    for (const entries of stacks) {
      const stack = new (StyleContextStack())(styles, { font: 'Roboto', fontSize: 12 });
      stack.styleOverrides.push(...entries);
      for (const property of ['fontSize', 'color', 'bold', 'italics', 'font', 'lineHeight'])
        expect(stack.getProperty(property), `${property} of ${String(entries)}`).toEqual(original.call(stack, property));
    }
  });
});
