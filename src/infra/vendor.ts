import { createRequire } from 'node:module';

/**
 * `require` as seen from inside pdfmake, pdfkit and fontkit, so licheng reaches their own modules
 * and the very copies of their dependencies they load. Creating these loads nothing.
 */
export const pdfmakeRequire = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
export const pdfkitRequire = createRequire(pdfmakeRequire.resolve('pdfkit'));
export const fontkitRequire = createRequire(pdfkitRequire.resolve('fontkit'));
