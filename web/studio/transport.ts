import type { Transport } from '@codemirror/lsp-client';

/** Server-to-client requests the studio answers itself (lsp-client would refuse them). */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

export interface StudioConnection {
  transport: Transport;
  sessionId: string;
  /** The studio's own events on the same stream (upload progress). */
  on(event: string, handler: (data: unknown) => void): void;
  /** Called when the stream breaks for good (the studio was stopped). */
  onLost(handler: () => void): void;
}

/**
 * The page's end of its language server: messages to it are POSTed in order (a later change must
 * not overtake an earlier one), messages from it arrive as Server-Sent Events.
 */
export async function connect(answer: ServerRequestHandler): Promise<StudioConnection> {
  const created = await fetch('/api/session', { method: 'POST' });
  const { id } = (await created.json()) as { id: string };
  const events = new EventSource(`/api/session?id=${id}`);
  const handlers = new Set<(value: string) => void>();
  let queue = Promise.resolve();
  const lost = new Set<() => void>();
  const post = (message: unknown) => {
    const body = JSON.stringify(message);
    queue = queue.then(async () => {
      const response = await fetch(`/api/session?id=${id}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).catch(() => undefined);
      if (!response?.ok) for (const handler of lost) handler();
    });
  };
  events.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as { id?: number | string; method?: string; params?: unknown };
    if (message.id !== undefined && message.method !== undefined) {
      Promise.resolve(answer(message.method, message.params)).then(
        (result) => post({ jsonrpc: '2.0', id: message.id, result: result ?? null }),
        (error: Error) => post({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: error.message } }),
      );
      return;
    }
    for (const handler of handlers) handler(event.data);
  };
  events.onerror = () => {
    // EventSource reconnects by itself; CLOSED means the server answered with an error (the session is gone).
    if (events.readyState === EventSource.CLOSED) for (const handler of lost) handler();
  };
  return {
    sessionId: id,
    transport: {
      send: (message) => post(JSON.parse(message)),
      subscribe: (handler) => handlers.add(handler),
      unsubscribe: (handler) => handlers.delete(handler),
    },
    on: (name, handler) => events.addEventListener(name, (event) => handler(JSON.parse((event as MessageEvent<string>).data))),
    onLost: (handler) => lost.add(handler),
  };
}
