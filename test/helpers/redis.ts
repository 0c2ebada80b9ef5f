/** The bench's redis-server starter, for tests: a real server per test file on a free port. */
export { freePort, pings, startRedis, type TestRedis } from '../../src/bench/redis-server.js';
