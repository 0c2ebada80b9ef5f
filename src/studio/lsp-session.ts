import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
// The Node entry installs vscode-jsonrpc's runtime layer (timers, text encoding) the connection needs.
import 'vscode-languageserver/node';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createConnection,
  createProtocolConnection,
  ProposedFeatures,
  type DataCallback,
  type Disposable,
  type Message,
  type WatchDog,
} from 'vscode-languageserver';
import { listen } from '../lsp/server.js';
import type { Lang } from '../messages.js';

/** Messages from the page, handed to the server's connection. */
class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
  deliver(message: Message): void {
    this.callback?.(message);
  }
}

/** Messages from the server, handed to the page's event stream. */
class PageWriter extends AbstractMessageWriter {
  constructor(private readonly send: (message: Message) => void) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.send(message);
  }
  end(): void {}
}

/**
 * The server runs inside licheng's own process: `exit` or a client's process id must never end it
 * (vscode-languageserver's Node watchdog would call process.exit).
 */
const inProcess: WatchDog = { shutdownReceived: false, initialize: () => undefined, exit: () => undefined };

/** One page's language server, reached by POSTed messages and answering over Server-Sent Events. */
export interface LspSession {
  id: string;
  /** A JSON-RPC message from the page. */
  receive(message: Message): void;
  /** The page's event stream: messages written so far, then each as it comes. */
  attach(response: ServerResponse): void;
  /** Server-Sent Events of the studio's own (upload progress), on the same stream. */
  event(name: string, data: unknown): void;
  dispose(): void;
}

/** `onGone` runs once the session is disposed, also when its page stayed away for `graceMs`. */
export function startLspSession(lang: Lang, onGone: () => void, graceMs: number): LspSession {
  const reader = new PageReader();
  let stream: ServerResponse | undefined;
  let away: NodeJS.Timeout | undefined;
  // Until the page's EventSource connects (and while it reconnects), messages wait here.
  const waiting: string[] = [];
  const emit = (chunk: string) => (stream ? stream.write(chunk) : waiting.push(chunk));
  const writer = new PageWriter((message) => emit(`data: ${JSON.stringify(message)}\n\n`));
  // The same features as `licheng lsp` (src/cli/commands/lsp.ts).
  const connection = createConnection(() => createProtocolConnection(reader, writer), inProcess, ProposedFeatures.all);
  listen(connection, { lang });
  const session: LspSession = {
    id: randomBytes(16).toString('hex'),
    receive: (message) => reader.deliver(message),
    attach(response) {
      clearTimeout(away);
      stream?.end();
      stream = response;
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      response.write(': licheng studio\n\n');
      for (const chunk of waiting.splice(0)) response.write(chunk);
      response.on('close', () => {
        if (stream !== response) return;
        stream = undefined;
        away = setTimeout(() => session.dispose(), graceMs);
      });
    },
    event: (name, data) => emit(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
    dispose() {
      clearTimeout(away);
      connection.dispose();
      stream?.end();
      waiting.length = 0;
      onGone();
    },
  };
  return session;
}
