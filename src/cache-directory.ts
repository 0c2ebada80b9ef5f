import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder licheng keeps caches in (compiled code, fitted media): `LICHENG_CACHE_DIR`,
 * else the platform's cache folder. homedir() throws where the user has no home: callers treat
 * that as "no cache".
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LICHENG_CACHE_DIR) return env.LICHENG_CACHE_DIR;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? tmpdir(), 'licheng', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'licheng');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'licheng');
}
