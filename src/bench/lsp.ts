import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { writePortfolio } from './fixtures.js';
import { percentile } from './stats.js';
import { mb, ms, type Row } from './table.js';

interface Server {
  connection: MessageConnection;
  rss(): Promise<number>;
  /** CPU time the server has used (user + system), in ms; NaN where /proc is not there. */
  cpu(): Promise<number>;
  /** Sends a full-text change and resolves when that version's diagnostics are published. */
  edit(uri: string, text: string): Promise<void>;
  open(uri: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** `licheng lsp --stdio` started as an editor starts it, spoken to over JSON-RPC. */
async function startServer(cli: string, root: string): Promise<Server> {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const versions = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', ({ uri, version }: { uri: string; version?: number }) => {
    const key = `${uri}#${version}`;
    waiting.get(key)?.();
    waiting.delete(key);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
  const published = (uri: string, version: number) => new Promise<void>((done) => waiting.set(`${uri}#${version}`, done));
  return {
    connection,
    // The server's resident memory, as the system counts it (Linux /proc, else ps).
    rss: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => undefined);
      const kb = status
        ? Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
        : Number(
            await new Promise<string>((done) => {
              const ps = spawn('ps', ['-o', 'rss=', '-p', String(child.pid)]);
              let out = '';
              ps.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
              ps.on('close', () => done(out.trim()));
            }),
          );
      return kb * 1024;
    },
    cpu: async () => {
      const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '');
      // Fields 14 and 15 (utime, stime) after the command name in parentheses, in clock ticks (100 per second).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return stat ? (Number(fields[11]) + Number(fields[12])) * 10 : NaN;
    },
    open: async (uri, text) => {
      versions.set(uri, 1);
      const done = published(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await done;
    },
    edit: async (uri, text) => {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const done = published(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      await done;
    },
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

/**
 * The text after the i-th keystroke: one character of the last paragraphs overtyped (the page count
 * stays), a different one each time, so that no edit gives a text seen before.
 */
function keystroke(text: string, i: number): string {
  const chars = [...text];
  const at = chars.length - 2 - (i % Math.min(800, chars.length - 2));
  chars[at] = i % 2 ? '甲' : '乙';
  return chars.join('');
}

/**
 * Issue #12's editor figures: a keystroke to diagnostics published and to preview bytes on the
 * 3-page course outcome, and the server's memory over 2,000 edits across 20 open documents.
 */
export async function benchLsp(cli: string, tuned: { root: string; file: string }, processSentences: number): Promise<Row[]> {
  const rows: Row[] = [];
  const server = await startServer(cli, tuned.root);
  const uri = pathToFileURL(tuned.file).href;
  const text = await readFile(tuned.file, 'utf8');
  await server.open(uri, text);
  const diagnostics: number[] = [];
  const cpuBefore = await server.cpu();
  for (let i = 0; i < 65; i++) {
    const start = performance.now();
    await server.edit(uri, keystroke(text, i));
    if (i >= 5) diagnostics.push(performance.now() - start);
  }
  const keystrokeCpu = ((await server.cpu()) - cpuBefore) / 65;
  const previews: number[] = [];
  let pages = 0;
  const previewCpuBefore = await server.cpu();
  for (let i = 0; i < 35; i++) {
    const start = performance.now();
    const typed = server.edit(uri, keystroke(text, i));
    const preview = await server.connection.sendRequest<{ pdf: string | null; pages: number }>('licheng/preview', { textDocument: { uri } });
    if (i >= 5) previews.push(performance.now() - start);
    pages = preview.pages;
    await typed;
  }
  const previewCpu = ((await server.cpu()) - previewCpuBefore) / 35;
  await server.stop();
  const p95 = percentile(diagnostics, 95);
  const previewP95 = percentile(previews, 95);
  rows.push(
    { figure: `LSP keystroke -> diagnostics published, ${pages}-page doc: p95 of ${diagnostics.length}`, value: ms(p95), target: '<= 50 ms', ok: p95 <= 50 },
    { figure: '  median', value: ms(percentile(diagnostics, 50)), target: '(spread)' },
    { figure: '  server CPU time (user+sys) per keystroke, mean', value: ms(keystrokeCpu), target: '(load-insensitive)' },
    { figure: `LSP keystroke -> preview PDF bytes: p95 of ${previews.length}`, value: ms(previewP95), target: '<= 150 ms', ok: previewP95 <= 150 },
    { figure: '  median', value: ms(percentile(previews, 50)), target: '(spread)' },
    { figure: '  server CPU time (user+sys) per keystroke with preview, mean', value: ms(previewCpu), target: '(load-insensitive)' },
  );

  rows.push(...(await benchPortfolioKeystroke(cli, processSentences)));

  const many = await writePortfolio(20, processSentences, 300);
  const busy = await startServer(cli, many.root);
  const documents = await Promise.all(many.files.map(async (file) => ({ uri: pathToFileURL(file).href, text: await readFile(file, 'utf8') })));
  for (const d of documents) await busy.open(d.uri, d.text);
  const rss: number[] = [];
  const edits = 2000;
  for (let i = 1; i <= edits; i++) {
    const d = documents[i % documents.length]!;
    const edited = busy.edit(d.uri, keystroke(d.text, i));
    // A student types in bursts: every 20th edit waits for its diagnostics (the ones between are folded in).
    if (i % 20 === 0) await edited;
    if (i === edits / 2 || i === edits) rss.push(await busy.rss());
    if (process.env.LICHENG_BENCH_TRACE && i % 200 === 0) process.stderr.write(`edit ${i}: ${mb(await busy.rss())}\n`);
  }
  await busy.stop();
  const [half, end] = rss as [number, number];
  rows.push(
    { figure: `LSP RSS after ${edits} edits across ${documents.length} open docs`, value: mb(end), target: '<= 250 MB', ok: end <= 250e6 },
    { figure: `  growth over the last ${edits / 2} edits`, value: mb(end - half), target: '~0 (bounded caches)', ok: end - half <= 10e6 },
  );
  return rows;
}

/** Documents of the portfolio a keystroke is checked in: a class's fullest portfolio, and more. */
const portfolioDocuments = 48;

/**
 * A keystroke in one document of a large portfolio: only that document (and what depends on it)
 * needs checking again, not the other 47.
 */
async function benchPortfolioKeystroke(cli: string, processSentences: number): Promise<Row[]> {
  const portfolio = await writePortfolio(portfolioDocuments, processSentences, 600);
  const server = await startServer(cli, portfolio.root);
  const file = portfolio.files[0]!;
  const uri = pathToFileURL(file).href;
  const text = await readFile(file, 'utf8');
  await server.open(uri, text);
  const times: number[] = [];
  for (let i = 0; i < 45; i++) {
    const start = performance.now();
    await server.edit(uri, keystroke(text, i));
    if (i >= 5) times.push(performance.now() - start);
  }
  await server.stop();
  const p95 = percentile(times, 95);
  return [
    {
      figure: `LSP keystroke -> diagnostics, portfolio of ${portfolioDocuments} docs: p95 of ${times.length}`,
      value: ms(p95),
      target: '<= 50 ms',
      ok: p95 <= 50,
    },
    { figure: '  median', value: ms(percentile(times, 50)), target: '(spread)' },
  ];
}
