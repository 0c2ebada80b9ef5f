/**
 * What the queue commands (`licheng batch --queue`, `licheng worker`) say about the queue itself:
 * its address, the Redis server, the shared folder. In Traditional Chinese (default) and English.
 */
import type { Lang } from '../messages.js';

type Args = Record<string, string | number>;

const catalog = {
  'queue-url': {
    zh: (a: Args) => `--queue 的值「${a.url}」不是 Redis 位址；請寫成 redis://主機:連接埠 或 redis://主機:連接埠/資料庫編號，例如 redis://127.0.0.1:6379/0`,
    en: (a: Args) => `--queue ${a.url} is not a Redis address; write redis://HOST:PORT or redis://HOST:PORT/DB, e.g. redis://127.0.0.1:6379/0`,
  },
  'redis-unreachable': {
    zh: (a: Args) =>
      `連不上 Redis「${a.address}」（${a.reason}）；請確認 Redis 已啟動（redis-server）、主機與連接埠正確、這台電腦的防火牆允許連線，需要密碼時寫成 redis://:密碼@主機:連接埠`,
    en: (a: Args) =>
      `cannot reach Redis at ${a.address} (${a.reason}); check that redis-server is running, that the host and port are right and that the firewall lets this machine in; with a password, write redis://:PASSWORD@HOST:PORT`,
  },
  'folder-missing': {
    zh: (a: Args) => `共用資料夾「${a.path}」在這台電腦上不存在；請先掛載學校的網路磁碟（SMB／NFS），並用與排入佇列時相同的路徑 -o 指定它`,
    en: (a: Args) =>
      `the shared folder ${a.path} does not exist on this machine; mount the school's network share (SMB/NFS) first and name it with -o by the same path the export was queued with`,
  },
  'nothing-queued': {
    zh: (a: Args) => `輸出資料夾「${a.path}」沒有排入佇列的匯出；請先執行 licheng batch 名冊.csv --queue ${a.url} -o ${a.path}`,
    en: (a: Args) => `no queued export in the output folder ${a.path}; first run licheng batch ROSTER.csv --queue ${a.url} -o ${a.path}`,
  },
} satisfies Record<string, Record<Lang, (a: Args) => string>>;

export type QueueProblemCode = keyof typeof catalog;

/** A problem that stops a queue command before any student: said once, exit 2. */
export interface QueueProblem {
  code: QueueProblemCode;
  args: Args;
}

export const queueProblem = (code: QueueProblemCode, args: Args): QueueProblem => ({ code, args });

export function queueMessage(p: QueueProblem, lang: Lang): string {
  return catalog[p.code][lang](p.args);
}
