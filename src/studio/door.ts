import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the studio's server lets in: one token per run, its own host names, its own page. */
export interface Door {
  token: string;
  port: number;
}

/** The cookie carrying the token; named by port, since browsers share cookies across a host's ports. */
export const cookieName = (door: Door): string => `licheng-studio-${door.port}`;

/**
 * Why a request is refused (an HTTP status), or undefined when it may pass. The token comes once in
 * the URL (`?token=`), then in an HttpOnly SameSite=Strict cookie: EventSource cannot send headers,
 * page scripts never see the cookie, and other sites' pages cannot make the browser send it.
 */
export function refusal(request: IncomingMessage, door: Door): 400 | 403 | 421 | undefined {
  const hosts = [`127.0.0.1:${door.port}`, `localhost:${door.port}`];
  // A name other than ours means DNS rebinding: another site's name pointed at 127.0.0.1.
  if (!hosts.includes(request.headers.host ?? '')) return 421;
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) return 403;
  // Navigations from other sites (links, forms) carry no Origin on GET but do say where they come from.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 403;
  return tokenOf(request, door) ? undefined : 403;
}

/** The token the request carries (query or cookie), if it is the right one. */
export function tokenOf(request: IncomingMessage, door: Door): 'query' | 'cookie' | undefined {
  const query = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
  if (query !== null && same(query, door.token)) return 'query';
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === cookieName(door))?.[1];
  return cookie !== undefined && same(cookie, door.token) ? 'cookie' : undefined;
}

function same(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Set-Cookie header that hands the token to the page. */
export const tokenCookie = (door: Door): string => `${cookieName(door)}=${door.token}; HttpOnly; SameSite=Strict; Path=/`;
