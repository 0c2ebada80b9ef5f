import { request } from 'node:http';
import type { Studio } from '../../src/studio/server.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request to the studio, with any Host, Origin or cookie a browser or an attacker could send. */
export function ask(
  studio: Studio,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; cookie?: boolean } = {},
): Promise<Answer> {
  const token = new URL(studio.url).searchParams.get('token')!;
  const headers: Record<string, string> = {
    host: `127.0.0.1:${studio.port}`,
    ...(options.cookie === false ? {} : { cookie: `licheng-studio-${studio.port}=${token}` }),
    ...options.headers,
  };
  return new Promise((done, fail) => {
    const sent = request({ host: '127.0.0.1', port: studio.port, path, method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', fail);
    sent.end(options.body);
  });
}

export const q = (path: string) => `path=${encodeURIComponent(path)}`;
