import { parentPort, threadId } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { runStudent, type StudentTask } from './student.js';
import type { stopMessage } from '../infra/pool.js';
import type { WorkerMemory, WorkerReply } from './protocol.js';

// The library is imported once per worker: fonts and templates stay loaded across students.
const memory: WorkerMemory = { threadId, heapPeak: 0, externalPeak: 0 };
const sample = () => {
  const heap = getHeapStatistics();
  memory.heapPeak = Math.max(memory.heapPeak, heap.total_heap_size);
  memory.externalPeak = Math.max(memory.externalPeak, heap.external_memory);
};
setInterval(sample, 50).unref();

parentPort!.on('message', async (message: StudentTask | typeof stopMessage) => {
  if ('stop' in message) process.exit(1);
  const outcome = await runStudent(message);
  sample();
  parentPort!.postMessage({ outcome, memory } satisfies WorkerReply);
});
