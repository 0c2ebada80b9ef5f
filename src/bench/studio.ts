import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import { chromiumPath } from './chromium.js';
import { percentile } from './stats.js';
import { mb, ms, type Row } from './table.js';

/** `licheng studio DIR --no-open` as a student starts it, and the URL it prints. */
async function startStudioProcess(cli: string, root: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'studio', root, '--no-open'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let printed = '';
  const url = await new Promise<string>((found, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(printed);
      if (match) found(match[0]);
    });
    child.once('exit', (code) => fail(new Error(`licheng studio exited with ${code}`)));
  });
  return { child, url };
}

const rssOf = async (pid: number): Promise<number> => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1000;

/**
 * A page's language-server session driven without a browser, as the page's code does it: messages
 * POSTed, answers read from the event stream (which must be drained, or the server would buffer).
 */
async function rawSession(
  url: string,
): Promise<{ request(method: string, params: unknown): Promise<unknown>; notify(method: string, params: unknown): Promise<void>; close(): void }> {
  const { origin, searchParams } = new URL(url);
  const headers = { cookie: `licheng-studio-${new URL(url).port}=${searchParams.get('token')}`, 'content-type': 'application/json' };
  const { id } = (await (await fetch(`${origin}/api/session`, { method: 'POST', headers })).json()) as { id: string };
  const abort = new AbortController();
  const stream = await fetch(`${origin}/api/session?id=${id}`, { headers, signal: abort.signal });
  const pending = new Map<number, (result: unknown) => void>();
  void (async () => {
    let buffered = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const data = buffered
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffered = buffered.slice(end + 2);
          const message = data ? (JSON.parse(data.slice(6)) as { id?: number; method?: string; result?: unknown }) : undefined;
          if (message?.id !== undefined && message.method === undefined) pending.get(message.id)?.(message.result);
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  const post = (message: unknown) => fetch(`${origin}/api/session?id=${id}`, { method: 'POST', headers, body: JSON.stringify(message) }).then(() => undefined);
  let next = 0;
  return {
    request: (method, params) => {
      const request = ++next;
      return new Promise((answered) => {
        pending.set(request, answered);
        void post({ jsonrpc: '2.0', id: request, method, params });
      });
    },
    notify: (method, params) => post({ jsonrpc: '2.0', method, params }),
    close: () => abort.abort(),
  };
}

/** 1,000 edits of one document, a preview asked after every 10th (a student pausing), then the server's RSS. */
async function rssAfterEdits(url: string, pid: number, root: string, file: string, edits: number): Promise<number> {
  const session = await rawSession(url);
  const uri = pathToFileURL(file).href;
  await session.request('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
  await session.notify('initialized', {});
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: await readFile(file, 'utf8') } });
  for (let i = 0; i < edits; i++) {
    await session.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: String.fromCharCode(0x4e00 + (i % 500)) }],
    });
    if (i % 10 === 9) await session.request('licheng/preview', { textDocument: { uri } });
  }
  const rss = await rssOf(pid);
  session.close();
  return rss;
}

/** Figures of issue #13: page load, typing → preview repainted in Chromium, server RSS after 1,000 edits. */
export async function benchStudio(cli: string, root: string, file: string): Promise<Row[]> {
  const profile = await mkdtemp(join(tmpdir(), 'licheng-bench-studio-'));
  const { child, url } = await startStudioProcess(cli, root);
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    pipe: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    // A first visit takes the token into the cookie; the timed loads are the student's reloads.
    await page.goto(url);
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await page.reload();
      await page.waitForSelector('button.file');
      loads.push(performance.now() - start);
    }
    const path = relative(root, file).split('\\').join('/');
    await page.click(`button.file[data-path="${path}"]`);
    await page.waitForSelector('.preview canvas', { timeout: 60_000 });
    // In the page (a string: this file is compiled without the DOM's types): when a newly drawn page lands in view.
    await page.evaluate(`window.repaints = [];
      const scroller = document.querySelector('.lp-scroller');
      const inView = (sheet) => {
        const view = scroller.getBoundingClientRect(), box = sheet.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      };
      const root = document.querySelector('.licheng-preview');
      new MutationObserver((records) => {
        if (records.some((r) => [...r.addedNodes].some((n) => n instanceof HTMLCanvasElement && n.parentElement?.classList.contains('lp-page') && inView(n.parentElement))))
          window.repaints.push({ at: performance.now(), version: Number(root.dataset.version) });
      }).observe(document.querySelector('.preview'), { childList: true, subtree: true });`);
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    const typing: number[] = [];
    for (let i = 0; i < 30; i++) {
      // A page of the version shown before the keystroke may still be drawn after it: only a newer version counts.
      const [start, shown] = (await page.evaluate("[performance.now(), Number(document.querySelector('.licheng-preview').dataset.version)]")) as number[];
      await page.keyboard.type('a');
      const painted = await page.waitForFunction(`window.repaints.find((r) => r.at > ${start} && r.version > ${shown})?.at`, { timeout: 30_000 });
      typing.push(((await painted.jsonValue()) as number) - start!);
    }
    const rss = await rssAfterEdits(url, child.pid!, root, file, 1000);
    const p95 = percentile(typing, 95);
    const load = percentile(loads, 50);
    return [
      { figure: 'studio: page load to file tree (median of 5 reloads)', value: ms(load), target: '<= 1000 ms', ok: load <= 1000 },
      { figure: 'studio: keystroke -> preview repainted in Chromium, 3-page doc, p95', value: ms(p95), target: '<= 300 ms', ok: p95 <= 300 },
      { figure: '  the same, median', value: ms(percentile(typing, 50)), target: '(spread)' },
      { figure: 'studio: server RSS after 1,000 edits (100 previews)', value: mb(rss), target: '<= 300 MB', ok: rss <= 300e6 },
    ];
  } finally {
    await browser.close();
    child.kill('SIGINT');
    await new Promise((exited) => child.once('exit', exited));
    await rm(profile, { recursive: true, force: true });
  }
}
