import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's redis-server; `.ci/run` installs it when missing. */
export const redisServer = '/usr/bin/redis-server';

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a Redis server answers PING on the port. */
export function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A real redis-server of its own for a bench or a test file, on a free localhost port, in a temporary folder,
 * keeping nothing on disk; resolves once it answers PING. `stop` ends it and removes the folder.
 */
export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-redis-'));
  const port = await freePort();
  const server = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  for (let tries = 0; !(await pings(port)); tries++) {
    if (tries > 100 || server.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      server.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `licheng worker` (the CLI at `cli`) as a child process; resolves once it has said it started. */
export async function startWorker(cli: string, url: string, outDir: string, cwd: string, extra: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [cli, 'worker', '--queue', url, '-o', outDir, ...extra], { cwd });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 1200 && !output.includes('worker 已啟動'); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!output.includes('worker 已啟動')) throw new Error(`worker did not start: ${output}`);
  return { child, output: () => output, exited };
}
