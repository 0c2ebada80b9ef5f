import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import { labelsFor, type PreviewLang } from './labels.js';
import { blockForLine, type MapBlock } from './source-map.js';

export type { MapBlock } from './source-map.js';
export type { PreviewLang } from './labels.js';

export interface PreviewOptions {
  /** A click on a typeset block: the first source line (0-based) it came from. */
  onReveal?(line: number): void;
  lang?: PreviewLang;
  /**
   * pdf.js's worker script; by default `pdf.worker.min.mjs` beside this module. A host whose pages
   * may not start workers from their own URLs (VS Code's webviews) passes a `blob:` URL.
   */
  workerSrc?: string | URL;
}

export interface Preview {
  /** Shows a new PDF; a version older than the one shown is ignored (answers can overtake each other). */
  show(pdf: Uint8Array, map: readonly MapBlock[], version: number): Promise<void>;
  /** Keeps the last PDF on screen with a note saying why the current text has none. */
  showReason(reason: string): void;
  /** Scrolls the block made from `line` (0-based) into view and marks it briefly (once per block: typing on in it marks nothing). */
  revealLine(line: number): void;
  dispose(): void;
}

interface Shown {
  pdf: Uint8Array;
  map: readonly MapBlock[];
  version: number;
  blocks: { block: MapBlock; element: HTMLElement }[];
}

const thumbnailWidth = 84;
const pageGap = 16;
/** Beyond this a page only gets bigger, not easier to read. */
const maxPageWidth = 960;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  made.className = className;
  parent?.append(made);
  return made;
}

let workerStarted = false;
function startWorker(src: string | URL | undefined): void {
  if (workerStarted) return;
  workerStarted = true;
  GlobalWorkerOptions.workerPort = new Worker(src ?? new URL('./pdf.worker.min.mjs', import.meta.url), { type: 'module' });
}

/**
 * The PDF preview shared by the VS Code webview and the browser studio: every page rendered with
 * pdf.js, a thumbnail strip, and the source map as click targets over the typeset blocks. A new PDF
 * is rendered offscreen and swapped in whole, at the same place in the document, so typing never
 * makes the page flash or jump. The host links `preview.css`.
 */
export function createPreview(container: HTMLElement, options: PreviewOptions = {}): Preview {
  startWorker(options.workerSrc);
  const labels = labelsFor(options.lang);
  const root = element('div', 'licheng-preview', container);
  const thumbnails = element('nav', 'lp-thumbnails', root);
  thumbnails.setAttribute('aria-label', labels.pages);
  const scroller = element('div', 'lp-scroller', root);
  const notice = element('div', 'lp-notice', scroller);
  notice.textContent = labels.empty;
  let pages = element('div', 'lp-pages', scroller);

  let shown: Shown | undefined;
  let revealed: MapBlock | undefined;
  let newest = -Infinity;
  let rendering = 0;
  let renderedWidth = 0;

  function pageElements(): HTMLElement[] {
    return [...pages.children] as HTMLElement[];
  }

  /** Which page is at the top of the view, and how far down it (0…1): survives a re-render. */
  function anchor(): { page: number; fraction: number } {
    const top = scroller.scrollTop;
    const all = pageElements();
    const index = Math.max(
      0,
      all.findIndex((page) => page.offsetTop + page.offsetHeight > top),
    );
    const page = all[index];
    return { page: index, fraction: page ? Math.max(0, (top - page.offsetTop) / page.offsetHeight) : 0 };
  }

  function markCurrentThumbnail(): void {
    const middle = scroller.scrollTop + scroller.clientHeight / 2;
    const current = pageElements().findIndex((page) => page.offsetTop + page.offsetHeight + pageGap > middle);
    for (const [index, thumbnail] of [...thumbnails.children].entries()) thumbnail.classList.toggle('lp-current', index === current);
  }

  async function render(pdf: Uint8Array, map: readonly MapBlock[], version: number): Promise<void> {
    const ticket = ++rendering;
    let pdfDocument: PDFDocumentProxy;
    try {
      // pdf.js takes the buffer over; the host keeps its own copy.
      pdfDocument = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
    } catch {
      showNotice(labels.failed);
      return;
    }
    try {
      const width = Math.min(maxPageWidth, Math.max(200, scroller.clientWidth - 2 * pageGap));
      const ratio = window.devicePixelRatio || 1;
      const nextPages = element('div', 'lp-pages');
      const nextThumbnails: HTMLElement[] = [];
      const blocks: Shown['blocks'] = [];
      for (let number = 1; number <= pdfDocument.numPages; number++) {
        const page = await pdfDocument.getPage(number);
        const scale = width / page.getViewport({ scale: 1 }).width;
        const viewport = page.getViewport({ scale: scale * ratio });
        const sheet = element('div', 'lp-page', nextPages);
        sheet.dataset.page = String(number);
        sheet.style.width = `${viewport.width / ratio}px`;
        sheet.style.height = `${viewport.height / ratio}px`;
        const canvas = element('canvas', 'lp-canvas', sheet);
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        await page.render({ canvasContext: canvas.getContext('2d')!, viewport }).promise;
        if (ticket !== rendering) return;
        for (const block of map.filter((b) => b.page === number)) {
          const target = element('div', 'lp-block', sheet);
          target.dataset.startLine = String(block.startLine);
          target.style.left = `${block.x * scale}px`;
          target.style.top = `${block.y * scale}px`;
          target.style.width = `${block.width * scale}px`;
          target.style.height = `${block.height * scale}px`;
          blocks.push({ block, element: target });
        }
        nextThumbnails.push(thumbnail(canvas, number, pdfDocument.numPages));
      }
      if (ticket !== rendering) return;
      const at = anchor();
      const hadPages = pageElements().length > 0;
      pages.replaceWith(nextPages);
      pages = nextPages;
      thumbnails.replaceChildren(...nextThumbnails);
      const target = pageElements()[Math.min(at.page, pdfDocument.numPages - 1)];
      if (hadPages && target) scroller.scrollTop = target.offsetTop + at.fraction * target.offsetHeight;
      shown = { pdf, map, version, blocks };
      renderedWidth = scroller.clientWidth;
      root.dataset.version = String(version);
      notice.hidden = true;
      markCurrentThumbnail();
    } finally {
      await pdfDocument.destroy();
    }
  }

  function thumbnail(canvas: HTMLCanvasElement, number: number, total: number): HTMLElement {
    const button = element('button', 'lp-thumbnail');
    button.type = 'button';
    button.title = labels.page(number, total);
    const small = element('canvas', 'lp-thumbnail-canvas', button);
    const ratio = window.devicePixelRatio || 1;
    small.width = Math.round(thumbnailWidth * ratio);
    small.height = Math.round((canvas.height / canvas.width) * thumbnailWidth * ratio);
    small.getContext('2d')!.drawImage(canvas, 0, 0, small.width, small.height);
    element('span', 'lp-thumbnail-number', button).textContent = String(number);
    button.addEventListener('click', () => {
      const page = pageElements()[number - 1];
      if (page) scroller.scrollTop = page.offsetTop - pageGap;
    });
    return button;
  }

  function showNotice(text: string): void {
    notice.textContent = text;
    notice.hidden = false;
  }

  function flash(target: HTMLElement): void {
    target.classList.remove('lp-flash');
    void target.offsetWidth; // restart the animation
    target.classList.add('lp-flash');
  }

  scroller.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('.lp-block');
    if (!target) return;
    flash(target);
    options.onReveal?.(Number(target.dataset.startLine));
  });
  scroller.addEventListener('scroll', markCurrentThumbnail, { passive: true });

  // A narrower or wider view gets pages drawn for its width (sharp text), after resizing settles.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const resized = new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (shown && Math.abs(scroller.clientWidth - renderedWidth) > 2) void render(shown.pdf, shown.map, shown.version);
    }, 150);
  });
  resized.observe(scroller);

  return {
    async show(pdf, map, version) {
      if (version < newest) return;
      newest = version;
      await render(pdf, map, version);
    },
    showReason(reason) {
      showNotice(shown ? labels.stale(reason) : reason);
    },
    revealLine(line) {
      if (!shown) return;
      const block = blockForLine(shown.map, line);
      const target = shown.blocks.find((b) => b.block === block)?.element;
      if (!target) return;
      const page = target.parentElement!;
      const top = page.offsetTop + target.offsetTop;
      const bottom = top + target.offsetHeight;
      const visible = top >= scroller.scrollTop && bottom <= scroller.scrollTop + scroller.clientHeight;
      if (!visible) scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
      if (!revealed || revealed.startLine !== block!.startLine || revealed.endLine !== block!.endLine) flash(target);
      revealed = block;
    },
    dispose() {
      resized.disconnect();
      clearTimeout(resizeTimer);
      rendering++;
      root.remove();
    },
  };
}
