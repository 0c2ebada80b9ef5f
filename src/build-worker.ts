import { parentPort } from 'node:worker_threads';
import { buildOne, preparePortfolio, type BuildWorkerMessage } from './build-document.js';

/**
 * One worker of `build --jobs`: modules and fonts load once, then document after document.
 * `prepared` runs once the portfolio is read and the modules are loaded (the pool may end the
 * worker without a document: the calling thread builds too, and may finish first).
 */
export function serveBuilds(prepared: () => void): void {
  parentPort!.on('message', async (message: BuildWorkerMessage) => {
    // Exiting runs the exit handlers: temp files are removed and ffmpeg is killed.
    if ('stop' in message) process.exit(1);
    if ('prepare' in message) {
      await preparePortfolio(message.prepare.root, message.prepare.cwd);
      prepared();
      parentPort!.postMessage({ prepared: true });
      return;
    }
    parentPort!.postMessage(await buildOne(message));
  });
}
