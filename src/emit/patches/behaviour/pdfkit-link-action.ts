import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfkit writes a link's address into every piece of it that pdfmake sets (a wrapped URL is one
 * piece per path segment, a Chinese link text one per character), so a PDF grew with the square of
 * a long URL's length: 4,000 characters made 4 MB. Pieces of one address share one URI action per
 * document.
 */
interface LinkingDocument {
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  ref(data: object): { end(): void };
}
type Link = (this: LinkingDocument, x: number, y: number, w: number, h: number, url: unknown, options?: Record<string, unknown>) => unknown;

const uriActions = new WeakMap<LinkingDocument, Map<string, unknown>>();

export const link: Patch = {
  name: 'one action per link address',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFDocument.prototype.link',
  sha256: '217c2001eba3fecbf4c65d43611cbf73027aabee734d2ae908eb126421c87ba8',
  kind: 'behaviour',
  replace: (original: Link): Link =>
    function link(x, y, w, h, url, options = {}) {
      if (typeof url !== 'string') return original.call(this, x, y, w, h, url, options);
      let actions = uriActions.get(this);
      if (!actions) uriActions.set(this, (actions = new Map()));
      let action = actions.get(url);
      if (!action) {
        const ref = this.ref({ S: 'URI', URI: new String(url) });
        ref.end();
        actions.set(url, (action = ref));
      }
      options.Subtype = 'Link';
      options.A = action;
      if (options.structParent && !options.Contents) options.Contents = new String('');
      return this.annotate(x, y, w, h, options);
    },
};

export const installLink = (): boolean => applyPatch(link, (pdfmakeRequire('pdfkit') as { prototype: object }).prototype);
