import { createIORedisClient, RedisConnection } from 'bullmq';
import { Redis } from 'ioredis';
import { queueProblem, type QueueProblem } from './messages.js';

/** BullMQ's connection options for a checked Redis URL. */
export interface QueueConnection {
  connection: { url: string };
  /** host:port/db, without a password: for messages. */
  address: string;
}

/** How long a first connection may take before Redis counts as unreachable. */
const connectMs = 5000;

/** `redis://[user:password@]host[:port][/db]`, as `host:port/db`; undefined when it is not such a URL. */
export function redisAddress(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const db = url.pathname.replace(/^\//, '');
  if (url.protocol !== 'redis:' || !url.hostname || url.search || url.hash || !/^\d{0,2}$/.test(db)) return undefined;
  return `${url.hostname}:${url.port || 6379}/${db || 0}`;
}

/**
 * Checks `url` (redis://HOST:PORT[/DB]) and that a Redis server answers there, so a typo or a
 * stopped server is one clear message instead of BullMQ retrying in the background forever.
 */
export async function connectQueue(url: string): Promise<QueueConnection | { problem: QueueProblem }> {
  const address = redisAddress(url);
  if (!address) return { problem: queueProblem('queue-url', { url }) };
  // BullMQ's own ioredis connections, made here: its ES module build cannot require ioredis itself.
  RedisConnection.clientFactory = ({ url: own, ...options }) => createIORedisClient(own ? new Redis(own, options) : new Redis(options));
  const client = new Redis(url, { lazyConnect: true, connectTimeout: connectMs, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  // connect() rejects with a bare "Connection is closed."; the cause (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) comes as an event.
  let cause: NodeJS.ErrnoException | undefined;
  client.on('error', (error: NodeJS.ErrnoException) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return { connection: { url }, address };
  } catch (error) {
    const { code, message } = cause ?? (error as NodeJS.ErrnoException);
    return { problem: queueProblem('redis-unreachable', { address, reason: code ?? message }) };
  } finally {
    client.disconnect();
  }
}
