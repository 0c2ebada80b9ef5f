import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';

/**
 * The Redis connection BullMQ runs on: a small RESP2 client shaped as BullMQ's IRedisClient (its
 * interface for Redis drivers other than ioredis), installed with `RedisConnection.clientFactory`.
 * BullMQ 6 no longer brings ioredis along, and a queue needs no more of Redis than this: commands
 * in order over one socket, Lua scripts by SHA, pipelines and MULTI, and reconnection after a drop.
 * Blocking commands (BZPOPMIN, XREAD BLOCK) get their own connection from BullMQ.
 */

type Arg = string | number | Buffer;
type Reply = string | number | null | Error | Reply[];
interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}
interface Script {
  sha: string;
  lua: string;
  numberOfKeys: number;
}

/** BullMQ tells a closed connection by this text (its CONNECTION_CLOSED_ERROR_MSG). */
const closedMessage = 'Connection is closed.';

export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

/** `redis://[user:password@]host[:port][/db]`; undefined when it is not such a URL. */
export function parseRedisUrl(text: string): RedisAddress | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'redis:' || !url.hostname || url.search || url.hash) return undefined;
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) return undefined;
  const port = url.port ? Number(url.port) : 6379;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port, db: Number(db || 0), username: decodeURIComponent(url.username) || undefined, password: decodeURIComponent(url.password) || undefined };
}

export class RedisClient extends EventEmitter {
  status: 'wait' | 'connecting' | 'ready' | 'end' = 'wait';
  readonly isCluster = false;
  readonly options: Record<string, unknown>;
  private socket?: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: Waiting[] = [];
  /** Commands issued while (re)connecting, sent once ready. */
  private offline: { args: Arg[]; waiting: Waiting }[] = [];
  private scripts = new Map<string, Script>();
  private attempts = 0;
  private closing = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
  }

  private address(): RedisAddress {
    const fromUrl = typeof this.options.url === 'string' ? parseRedisUrl(this.options.url) : undefined;
    const o = this.options as Partial<RedisAddress>;
    return fromUrl ?? { host: o.host ?? '127.0.0.1', port: o.port ?? 6379, db: o.db ?? 0, username: o.username, password: o.password };
  }

  connect(): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    this.closing = false;
    this.status = 'connecting';
    const { host, port, db, username, password } = this.address();
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    return new Promise((resolve, reject) => {
      socket.on('connect', async () => {
        try {
          if (password) await this.send(username ? ['AUTH', username, password] : ['AUTH', password], true);
          if (db) await this.send(['SELECT', db], true);
          if (typeof this.options.connectionName === 'string') await this.send(['CLIENT', 'SETNAME', this.options.connectionName], true);
        } catch (error) {
          reject(error);
          this.emit('error', error);
          socket.destroy();
          return;
        }
        this.attempts = 0;
        this.status = 'ready';
        for (const { args, waiting } of this.offline.splice(0)) this.write(args, waiting);
        resolve();
        this.emit('ready');
      });
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('error', (error) => {
        reject(error);
        this.emit('error', error);
      });
      socket.on('close', () => this.closed(socket));
    });
  }

  /** The socket went away: what waits for a reply fails, and unless closed on purpose a new connection is tried. */
  private closed(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.buffer = Buffer.alloc(0);
    for (const w of this.waiting.splice(0)) w.reject(new Error(closedMessage));
    const retry = this.options.retryStrategy as ((times: number) => number | null | void) | undefined;
    const delay = this.closing ? undefined : retry?.(++this.attempts);
    if (typeof delay !== 'number') {
      this.status = 'end';
      for (const { waiting } of this.offline.splice(0)) waiting.reject(new Error(closedMessage));
      this.emit('close');
      this.emit('end');
      return;
    }
    this.status = 'connecting';
    this.emit('close');
    this.emit('reconnecting', delay);
    setTimeout(() => {
      if (!this.closing) this.connect().catch(() => undefined);
    }, delay).unref();
  }

  disconnect(reconnect = false): void {
    this.closing = !reconnect;
    if (this.socket) this.socket.destroy();
    else if (!reconnect) {
      this.status = 'end';
      this.emit('close');
      this.emit('end');
    }
  }

  async quit(): Promise<string> {
    this.closing = true;
    if (this.status !== 'ready') {
      this.disconnect();
      return 'OK';
    }
    const ended = new Promise((resolve) => this.once('end', resolve));
    const reply = await this.send(['QUIT']).catch(() => 'OK');
    this.socket?.end();
    await ended;
    return String(reply);
  }

  duplicate(overrides: Record<string, unknown> = {}): RedisClient {
    const copy = new RedisClient({ ...this.options, ...overrides });
    for (const [name, script] of this.scripts) copy.scripts.set(name, script);
    return copy;
  }

  /** One command; while (re)connecting it waits to be sent. `now` sends during the handshake. */
  send(args: Arg[], now = false): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const waiting = { resolve, reject };
      if (this.status === 'ready' || (now && this.socket)) this.write(args, waiting);
      else if (this.status === 'end') reject(new Error(closedMessage));
      else this.offline.push({ args, waiting });
    });
  }

  private write(args: Arg[], waiting: Waiting): void {
    this.waiting.push(waiting);
    this.socket!.write(encode(args));
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const parsed = parseReply(this.buffer, 0);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.end);
      const waiting = this.waiting.shift();
      if (parsed.reply instanceof Error) waiting?.reject(parsed.reply);
      else waiting?.resolve(parsed.reply);
    }
  }

  // --- Lua scripts ---

  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void {
    this.scripts.set(name, { ...definition, sha: createHash('sha1').update(definition.lua).digest('hex') });
  }

  async runCommand(name: string, args: unknown[]): Promise<Reply> {
    const script = this.script(name);
    const rest = scriptArgs(script, args);
    try {
      return await this.send(['EVALSHA', script.sha, ...rest]);
    } catch (error) {
      if (!(error as Error).message.startsWith('NOSCRIPT')) throw error;
      return this.send(['EVAL', script.lua, ...rest]);
    }
  }

  private script(name: string): Script {
    const script = this.scripts.get(name);
    if (!script) throw new Error(`unknown Redis script ${name}`);
    return script;
  }

  multi(): Transaction {
    return new Transaction(this, true);
  }

  pipeline(): Transaction {
    return new Transaction(this, false);
  }

  /** Loads scripts into Redis so a pipeline or MULTI can call them by SHA. */
  async load(names: Iterable<string>): Promise<void> {
    for (const name of names) await this.send(['SCRIPT', 'LOAD', this.script(name).lua]);
  }

  scriptFor(name: string): Script {
    return this.script(name);
  }

  // --- Commands, in the shapes BullMQ expects (those of ioredis) ---

  hgetall = async (key: string) => toObject(await this.send(['HGETALL', key]));
  hget = (key: string, field: string) => this.send(['HGET', key, field]);
  hmget = (key: string, ...fields: string[]) => this.send(['HMGET', key, ...fields]);
  hset = (key: string, data: Record<string, string | number>) => this.send(['HSET', key, ...Object.entries(data).flat()]);
  hdel = (key: string, ...fields: string[]) => this.send(['HDEL', key, ...fields]);
  hexists = (key: string, field: string) => this.send(['HEXISTS', key, field]);
  get = (key: string) => this.send(['GET', key]);
  set = (key: string, value: string | number, options?: { PX?: number; EX?: number }) =>
    this.send(['SET', key, value, ...(options?.PX != null ? ['PX', options.PX] : options?.EX != null ? ['EX', options.EX] : [])]);
  del = (...keys: string[]) => this.send(['DEL', ...keys]);
  zrange = (key: string, start: number, end: number, options?: { WITHSCORES?: boolean }) => this.send(['ZRANGE', key, start, end, ...(options?.WITHSCORES ? ['WITHSCORES'] : [])]);
  zrevrange = (key: string, start: number, end: number, options?: { WITHSCORES?: boolean }) => this.send(['ZREVRANGE', key, start, end, ...(options?.WITHSCORES ? ['WITHSCORES'] : [])]);
  zcard = (key: string) => this.send(['ZCARD', key]);
  zscore = (key: string, member: string) => this.send(['ZSCORE', key, member]);
  lrange = (key: string, start: number, end: number) => this.send(['LRANGE', key, start, end]);
  llen = (key: string) => this.send(['LLEN', key]);
  ltrim = (key: string, start: number, end: number) => this.send(['LTRIM', key, start, end]);
  lpos = (key: string, value: string) => this.send(['LPOS', key, value]);
  smembers = (key: string) => this.send(['SMEMBERS', key]);
  xadd = (key: string, id: string, fields: Record<string, string | number>, options?: { MAXLEN?: number; approximate?: boolean }) =>
    this.send(['XADD', key, ...(options?.MAXLEN != null ? ['MAXLEN', ...(options.approximate !== false ? ['~'] : []), options.MAXLEN] : []), id, ...Object.entries(fields).flat()]);
  xread = (streams: { key: string; id: string }[], options?: { BLOCK?: number; COUNT?: number }) =>
    this.send(['XREAD', ...(options?.BLOCK != null ? ['BLOCK', options.BLOCK] : []), ...(options?.COUNT != null ? ['COUNT', options.COUNT] : []), 'STREAMS', ...streams.map((s) => s.key), ...streams.map((s) => s.id)]);
  xtrim = (key: string, strategy: 'MAXLEN', threshold: number, options?: { approximate?: boolean }) => this.send(['XTRIM', key, strategy, ...(options?.approximate !== false ? ['~'] : []), threshold]);
  bzpopmin = (key: string, timeout: number) => this.send(['BZPOPMIN', key, timeout]);
  info = async () => String(await this.send(['INFO']));
  clientSetName = (name: string) => this.send(['CLIENT', 'SETNAME', name]);
  clientList = async () => String(await this.send(['CLIENT', 'LIST']));
  clientInfo = async () => String(await this.send(['CLIENT', 'INFO']));
  scan = (cursor: string | number, options: { MATCH?: string; COUNT?: number }) =>
    this.send(['SCAN', cursor, ...(options.MATCH != null ? ['MATCH', options.MATCH] : []), ...(options.COUNT != null ? ['COUNT', options.COUNT] : [])]) as Promise<[string, string[]]>;

  /** The keys matching `match`, a batch (array) per 'data' event, as ioredis' scanStream. */
  scanStream(options: { match: string; count?: number }): Readable {
    const scan = this.scan;
    return Readable.from(
      (async function* () {
        let cursor = '0';
        do {
          const [next, keys] = await scan(cursor, { MATCH: options.match, COUNT: options.count });
          cursor = next;
          yield keys;
        } while (cursor !== '0');
      })(),
      { objectMode: true },
    );
  }
}

/** A pipeline (MULTI when `atomic`): commands collected, sent together, replies as [error, value] pairs. */
class Transaction {
  private commands: { args: Arg[]; shape?: (reply: Reply) => unknown }[] = [];
  private scripts = new Set<string>();

  constructor(
    private readonly client: RedisClient,
    private readonly atomic: boolean,
  ) {}

  private add(args: Arg[], shape?: (reply: Reply) => unknown): this {
    this.commands.push({ args, shape });
    return this;
  }

  hgetall = (key: string) => this.add(['HGETALL', key], toObject);
  hset = (key: string, data: Record<string, string | number>) => this.add(['HSET', key, ...Object.entries(data).flat()]);
  hscan = (key: string, cursor: string | number, options?: { COUNT?: number }) => this.add(['HSCAN', key, cursor, ...(options?.COUNT != null ? ['COUNT', options.COUNT] : [])]);
  smembers = (key: string) => this.add(['SMEMBERS', key]);
  sscan = (key: string, cursor: string | number, options?: { COUNT?: number }) => this.add(['SSCAN', key, cursor, ...(options?.COUNT != null ? ['COUNT', options.COUNT] : [])]);
  zrange = (key: string, start: number, end: number) => this.add(['ZRANGE', key, start, end]);
  lrange = (key: string, start: number, end: number) => this.add(['LRANGE', key, start, end]);
  llen = (key: string) => this.add(['LLEN', key]);
  del = (...keys: string[]) => (keys.length ? this.add(['DEL', ...keys]) : this);

  runCommand(name: string, args: unknown[]): this {
    const script = this.client.scriptFor(name);
    this.scripts.add(name);
    return this.add(['EVALSHA', script.sha, ...scriptArgs(script, args)]);
  }

  async exec(): Promise<[Error | null, unknown][] | null> {
    if (this.commands.length === 0) return [];
    await this.client.load(this.scripts);
    const pair = (reply: Reply, shape?: (reply: Reply) => unknown): [Error | null, unknown] => (reply instanceof Error ? [reply, null] : [null, shape ? shape(reply) : reply]);
    if (!this.atomic) {
      const replies = await Promise.all(this.commands.map(({ args }) => this.client.send(args).catch((error: Error) => error)));
      return replies.map((reply, i) => pair(reply, this.commands[i]!.shape));
    }
    const sent = [this.client.send(['MULTI']), ...this.commands.map(({ args }) => this.client.send(args).catch((error: Error) => error)), this.client.send(['EXEC'])];
    const replies = await Promise.all(sent);
    const results = replies.at(-1) as Reply[] | null;
    return results ? results.map((reply, i) => pair(reply, this.commands[i]!.shape)) : null;
  }
}

/** ioredis' way with script arguments: one array argument is the list; KEYS first, absent values as ''. */
function scriptArgs(script: Script, args: unknown[]): Arg[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return [script.numberOfKeys, ...list.map((a) => (Buffer.isBuffer(a) ? a : a == null ? '' : String(a)))];
}

function toObject(reply: Reply): Record<string, string> {
  const object: Record<string, string> = {};
  const list = Array.isArray(reply) ? reply : [];
  for (let i = 0; i + 1 < list.length; i += 2) object[String(list[i])] = String(list[i + 1]);
  return object;
}

function encode(args: Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** One RESP2 reply from `at`, or undefined when the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, at: number): { reply: Reply; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[at]!);
  const line = buffer.toString('utf8', at + 1, lineEnd);
  const next = lineEnd + 2;
  if (type === '+') return { reply: line, end: next };
  if (type === '-') return { reply: new Error(line), end: next };
  if (type === ':') return { reply: Number(line), end: next };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { reply: null, end: next };
    if (buffer.length < next + length + 2) return undefined;
    return { reply: buffer.toString('utf8', next, next + length), end: next + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    if (count < 0) return { reply: null, end: next };
    const items: Reply[] = [];
    let end = next;
    for (let i = 0; i < count; i++) {
      const item = parseReply(buffer, end);
      if (!item) return undefined;
      items.push(item.reply);
      end = item.end;
    }
    return { reply: items, end };
  }
  throw new Error(`unexpected reply from Redis: ${JSON.stringify(line.slice(0, 40))}`);
}
