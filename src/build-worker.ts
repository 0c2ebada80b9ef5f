import { parentPort } from 'node:worker_threads';
import { buildOne, type DocumentTask } from './build-document.js';

// One worker of `build --jobs`: modules and fonts load once, then document after document.
parentPort!.on('message', async (task: DocumentTask) => {
  parentPort!.postMessage(await buildOne(task));
});
