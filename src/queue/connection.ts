import { RedisConnection } from 'bullmq';
import { parseRedisUrl, RedisClient } from './redis-client.js';
import { queueProblem, type QueueProblem } from './messages.js';

/** BullMQ's connection options for a checked Redis URL. */
export interface QueueConnection {
  connection: { url: string };
  /** host:port/db, without a password: for messages. */
  address: string;
}

/** How long a first connection may take before Redis counts as unreachable. */
const connectMs = 5000;

/**
 * Checks `url` (redis://HOST:PORT[/DB]) and that a Redis server answers there, so a typo or a
 * stopped server is one clear message instead of BullMQ retrying in the background forever.
 * BullMQ's connections are made with licheng's Redis client (redis-client.ts).
 */
export async function connectQueue(url: string): Promise<QueueConnection | { problem: QueueProblem }> {
  const parsed = parseRedisUrl(url);
  if (!parsed) return { problem: queueProblem('queue-url', { url }) };
  // Structurally BullMQ's IRedisClient; its replies are typed loosely (Reply) rather than per command.
  RedisConnection.clientFactory = (options) => new RedisClient(options) as unknown as ReturnType<NonNullable<typeof RedisConnection.clientFactory>>;
  const address = `${parsed.host}:${parsed.port}/${parsed.db}`;
  const client = new RedisClient({ url, retryStrategy: () => null });
  client.on('error', () => undefined);
  const timer = setTimeout(() => client.disconnect(), connectMs);
  try {
    await client.connect();
    await client.send(['PING']);
    return { connection: { url }, address };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { problem: queueProblem('redis-unreachable', { address, reason: reason === 'Connection is closed.' ? `no answer in ${connectMs / 1000} s` : reason }) };
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
