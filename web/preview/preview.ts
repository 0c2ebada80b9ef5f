import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { nextPageToDraw, type PageSpan } from './draw-order.js';
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
  /**
   * Shows a new PDF, resolving once the pages in view show it (pages off screen follow later); a
   * version older than the one shown is ignored (answers can overtake each other).
   */
  show(pdf: Uint8Array, map: readonly MapBlock[], version: number, banner?: string): Promise<void>;
  /** Keeps the last PDF on screen with a note saying why the current text has none. */
  showReason(reason: string): void;
  /** Scrolls the block made from `line` (0-based) into view and marks it briefly (once per block: typing on in it marks nothing). */
  revealLine(line: number): void;
  dispose(): void;
}

/** The PDF on screen: its document stays open so that pages scrolled to later can be drawn from it. */
interface Loaded {
  document: PDFDocumentProxy;
  map: readonly MapBlock[];
  version: number;
  /** Each page's size in PDF points. */
  sizes: { width: number; height: number }[];
  blocks: { block: MapBlock; element: HTMLElement }[];
  /** The page render under way, cancelled when a newer PDF makes it stale. */
  task?: RenderTask;
  /** Resolves once the pages in view show this version (or there are none), or a newer version took its place. */
  painted: Promise<void>;
  paint(): void;
}

const thumbnailWidth = 84;
const pageGap = 16;
/** Beyond this a page only gets bigger, not easier to read. */
const maxPageWidth = 960;
/** Pages off screen are drawn once no new PDF came for this long (typing paused): their thumbnails right, ready to scroll to. */
const offScreenAfterMs = 500;
/** A draft's banner waits this long for its errors to stand (see `showBanner`): longer than a pause between keys. */
export const bannerAfterMs = 800;

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
 * The PDF preview shared by the VS Code webview and the browser studio: pages drawn with pdf.js, a
 * thumbnail strip, and the source map as click targets over the typeset blocks. A new PDF draws
 * the pages in view first, and the others when scrolled to or once typing pauses; each page keeps
 * its old picture until the new one is ready, so typing never makes the page flash or jump, and a
 * newer PDF cancels what is left to draw of an older one. The host links `preview.css`.
 */
export function createPreview(container: HTMLElement, options: PreviewOptions = {}): Preview {
  startWorker(options.workerSrc);
  const labels = labelsFor(options.lang);
  const root = element('div', 'licheng-preview', container);
  const thumbnails = element('nav', 'lp-thumbnails', root);
  thumbnails.setAttribute('aria-label', labels.pages);
  const scroller = element('div', 'lp-scroller', root);
  // Above a draft (a document with errors, typeset as it is): why it cannot be uploaded yet.
  const draft = element('div', 'lp-draft', scroller);
  draft.setAttribute('role', 'status');
  draft.hidden = true;
  const notice = element('div', 'lp-notice', scroller);
  notice.textContent = labels.empty;
  const pages = element('div', 'lp-pages', scroller);

  let shown: Loaded | undefined;
  let revealed: MapBlock | undefined;
  let newest = -Infinity;
  let opening = 0;
  let drawing = false;
  let drawOffScreen = false;
  let offScreenTimer: ReturnType<typeof setTimeout> | undefined;
  let laidOutWidth = 0;

  const sheets = (): HTMLElement[] => [...pages.children] as HTMLElement[];
  const pageWidth = () => Math.min(maxPageWidth, Math.max(200, scroller.clientWidth - 2 * pageGap));
  const pixelRatio = () => window.devicePixelRatio || 1;
  /** What a page drawn now is drawn for; a page drawn for anything else is stale. */
  const drawKey = (loaded: Loaded) => `${loaded.version}@${laidOutWidth}x${pixelRatio()}`;

  /** Which page is at the top of the view, and how far down it (0…1): survives a new layout. */
  function anchor(): { page: number; fraction: number } {
    const top = scroller.scrollTop;
    const all = sheets();
    const index = Math.max(
      0,
      all.findIndex((page) => page.offsetTop + page.offsetHeight > top),
    );
    const page = all[index];
    return { page: index, fraction: page ? Math.max(0, (top - page.offsetTop) / page.offsetHeight) : 0 };
  }

  function markCurrentThumbnail(): void {
    const middle = scroller.scrollTop + scroller.clientHeight / 2;
    const current = sheets().findIndex((page) => page.offsetTop + page.offsetHeight + pageGap > middle);
    for (const [index, thumbnail] of [...thumbnails.children].entries()) thumbnail.classList.toggle('lp-current', index === current);
  }

  function newThumbnail(number: number): HTMLElement {
    const button = element('button', 'lp-thumbnail', thumbnails);
    button.type = 'button';
    element('canvas', 'lp-thumbnail-canvas', button);
    element('span', 'lp-thumbnail-number', button).textContent = String(number);
    button.addEventListener('click', () => {
      const page = sheets()[number - 1];
      if (page) scroller.scrollTop = page.offsetTop - pageGap;
    });
    return button;
  }

  /**
   * One sheet and one thumbnail per page, sized for the view's width, with the new source map's
   * click targets; the pictures already on the sheets stay until their pages are drawn again.
   */
  function layOut(loaded: Loaded): void {
    const at = anchor();
    const hadPages = pages.children.length > 0;
    const total = loaded.sizes.length;
    laidOutWidth = pageWidth();
    while (pages.children.length > total) {
      pages.lastElementChild!.remove();
      thumbnails.lastElementChild?.remove();
    }
    loaded.blocks = [];
    for (const [index, size] of loaded.sizes.entries()) {
      const number = index + 1;
      const sheet = (pages.children[index] as HTMLElement | undefined) ?? element('div', 'lp-page', pages);
      sheet.dataset.page = String(number);
      const scale = laidOutWidth / size.width;
      sheet.style.width = `${laidOutWidth}px`;
      sheet.style.height = `${size.height * scale}px`;
      for (const old of sheet.querySelectorAll('.lp-block')) old.remove();
      for (const block of loaded.map.filter((b) => b.page === number)) {
        const target = element('div', 'lp-block', sheet);
        target.dataset.startLine = String(block.startLine);
        target.style.left = `${block.x * scale}px`;
        target.style.top = `${block.y * scale}px`;
        target.style.width = `${block.width * scale}px`;
        target.style.height = `${block.height * scale}px`;
        loaded.blocks.push({ block, element: target });
      }
      const thumbnail = (thumbnails.children[index] as HTMLElement | undefined) ?? newThumbnail(number);
      thumbnail.title = labels.page(number, total);
      const small = thumbnail.querySelector('canvas')!;
      const width = Math.round(thumbnailWidth * pixelRatio());
      const height = Math.round((size.height / size.width) * width);
      // Setting a canvas's size wipes it: only when the page's shape changed.
      if (small.width !== width || small.height !== height) Object.assign(small, { width, height });
    }
    const target = sheets()[Math.min(at.page, total - 1)];
    if (hadPages && target) scroller.scrollTop = target.offsetTop + at.fraction * target.offsetHeight;
  }

  /** Draws one page offscreen and swaps it in, unless a newer PDF or layout made it stale meanwhile. */
  async function drawPage(loaded: Loaded, index: number): Promise<void> {
    const sheet = sheets()[index]!;
    const key = drawKey(loaded);
    const canvas = document.createElement('canvas');
    canvas.className = 'lp-canvas';
    try {
      const page = await loaded.document.getPage(index + 1);
      const viewport = page.getViewport({ scale: (laidOutWidth / loaded.sizes[index]!.width) * pixelRatio() });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      loaded.task = page.render({ canvasContext: canvas.getContext('2d')!, viewport });
      await loaded.task.promise;
    } catch {
      // Cancelled for a newer PDF; or a page pdf.js cannot draw, which keeps its old picture.
      if (loaded === shown && drawKey(loaded) === key) sheet.dataset.drawn = key;
      return;
    } finally {
      loaded.task = undefined;
    }
    if (loaded !== shown || drawKey(loaded) !== key) return;
    const old = sheet.querySelector('canvas');
    if (old) old.replaceWith(canvas);
    else sheet.prepend(canvas);
    sheet.dataset.drawn = key;
    const small = thumbnails.children[index]?.querySelector('canvas');
    if (small) small.getContext('2d')!.drawImage(canvas, 0, 0, small.width, small.height);
    root.dataset.version = String(loaded.version);
    notice.hidden = true;
  }

  /** Pages still to draw, one at a time, the one in view first, until none is left to draw now. */
  async function drawStale(): Promise<void> {
    if (drawing) return;
    drawing = true;
    try {
      for (;;) {
        const loaded = shown;
        if (!loaded) return;
        const key = drawKey(loaded);
        const all = sheets();
        const stale = new Set(all.flatMap((sheet, index) => (sheet.dataset.drawn === key ? [] : [index])));
        const spans: PageSpan[] = all.map((sheet) => ({ top: sheet.offsetTop, height: sheet.offsetHeight }));
        const next = nextPageToDraw(spans, stale, { top: scroller.scrollTop, height: scroller.clientHeight }, drawOffScreen);
        if (next === undefined) {
          loaded.paint();
          if (stale.size > 0 && !drawOffScreen) {
            clearTimeout(offScreenTimer);
            offScreenTimer = setTimeout(() => {
              drawOffScreen = true;
              void drawStale();
            }, offScreenAfterMs);
          }
          return;
        }
        await drawPage(loaded, next);
      }
    } finally {
      drawing = false;
    }
  }

  /**
   * The banner over a draft appears once its errors have stood for `bannerAfterMs`, and goes at
   * once when they are fixed. While a student types a heading, the preview of the half-typed line
   * (`#心得`) has an error the next key fixes: a banner that came with it flickered at every key.
   * A banner already up takes the new count at once.
   */
  let bannerTimer: ReturnType<typeof setTimeout> | undefined;
  function showBanner(banner: string | undefined): void {
    clearTimeout(bannerTimer);
    if (!banner || !draft.hidden) {
      draft.textContent = banner ?? '';
      draft.hidden = !banner;
      return;
    }
    bannerTimer = setTimeout(() => {
      draft.textContent = banner;
      draft.hidden = false;
    }, bannerAfterMs);
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
  scroller.addEventListener(
    'scroll',
    () => {
      markCurrentThumbnail();
      void drawStale();
    },
    { passive: true },
  );

  // A narrower or wider view gets pages drawn for its width (sharp text), after resizing settles.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const resized = new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (!shown || Math.abs(pageWidth() - laidOutWidth) <= 2) return;
      layOut(shown);
      void drawStale();
    }, 150);
  });
  resized.observe(scroller);

  return {
    async show(pdf, map, version, banner) {
      if (version < newest) return;
      newest = version;
      const ticket = ++opening;
      let pdfDocument: PDFDocumentProxy | undefined;
      let sizes: Loaded['sizes'];
      try {
        // pdf.js takes the buffer over; the host keeps its own copy.
        pdfDocument = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
        const opened = pdfDocument;
        sizes = await Promise.all(
          Array.from({ length: opened.numPages }, async (_, index) => {
            const { width, height } = (await opened.getPage(index + 1)).getViewport({ scale: 1 });
            return { width, height };
          }),
        );
      } catch {
        void pdfDocument?.destroy();
        if (ticket === opening) showNotice(labels.failed);
        return;
      }
      if (ticket !== opening) return void pdfDocument.destroy();
      showBanner(banner);
      const previous = shown;
      let paint!: () => void;
      const painted = new Promise<void>((done) => (paint = done));
      shown = { document: pdfDocument, map, version, sizes, blocks: [], painted, paint };
      previous?.task?.cancel();
      previous?.paint();
      void previous?.document.destroy();
      drawOffScreen = false;
      clearTimeout(offScreenTimer);
      layOut(shown);
      markCurrentThumbnail();
      void drawStale();
      await painted;
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
      clearTimeout(offScreenTimer);
      opening++;
      shown?.task?.cancel();
      shown?.paint();
      void shown?.document.destroy();
      shown = undefined;
      root.remove();
    },
  };
}
