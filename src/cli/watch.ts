import { watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Calls `rebuild` after files of the watched portfolios change, until `signal` aborts: a save in the
 * editor sets off one rebuild once the writes settle (editors write a file in several steps). The
 * output folders and hidden temp files are not watched, so a build does not set off the next.
 */
export function watchPortfolios(roots: readonly { root: string; outDir: string }[], rebuild: () => Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let again = false;
    const settle = 250;
    const fire = () => {
      timer = undefined;
      running = running.then(async () => {
        again = false;
        await rebuild();
        if (again && !signal.aborted) fire();
      });
    };
    const changed = (root: string, outDir: string) => (_: string, name: string | Buffer | null) => {
      const path = join(root, String(name ?? ''));
      const inOut = !relative(outDir, path).startsWith('..');
      if (
        inOut ||
        String(name ?? '')
          .split(sep)
          .some((part) => part.startsWith('.') && part !== '.licheng')
      )
        return;
      again = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, settle);
    };
    const watchers: FSWatcher[] = roots.map(({ root, outDir }) => watch(root, { recursive: true }, changed(root, outDir)));
    signal.addEventListener(
      'abort',
      () => {
        if (timer) clearTimeout(timer);
        for (const w of watchers) w.close();
        void running.then(resolve);
      },
      { once: true },
    );
  });
}
