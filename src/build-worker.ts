import { parentPort } from 'node:worker_threads';
import { buildOne, type DocumentTask } from './build-document.js';
import type { stopMessage } from './infra/pool.js';

/**
 * One worker of `build --jobs`: modules and fonts load once, then document after document.
 * `afterFirst` runs once the first document's result is sent.
 */
export function serveBuilds(afterFirst: () => void): void {
  let first = true;
  parentPort!.on('message', async (message: DocumentTask | typeof stopMessage) => {
    // Exiting runs the exit handlers: temp files are removed and ffmpeg is killed.
    if ('stop' in message) process.exit(1);
    parentPort!.postMessage(await buildOne(message));
    if (first) afterFirst();
    first = false;
  });
}
