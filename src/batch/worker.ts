import { parentPort, threadId } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { runStudent, type StudentOutcome, type StudentTask } from './student.js';

/** What a worker reports after each student: the outcome and its own memory high-water marks. */
export interface WorkerReply {
  outcome: StudentOutcome;
  memory: WorkerMemory;
}

export interface WorkerMemory {
  threadId: number;
  /** Peak V8 heap of this worker's isolate (committed), bytes. */
  heapPeak: number;
  /** Peak memory held outside the heap by this isolate (Buffers: fonts, images, PDFs), bytes. */
  externalPeak: number;
}

// The library is imported once per worker: fonts and templates stay loaded across students.
const memory: WorkerMemory = { threadId, heapPeak: 0, externalPeak: 0 };
const sample = () => {
  const heap = getHeapStatistics();
  memory.heapPeak = Math.max(memory.heapPeak, heap.total_heap_size);
  memory.externalPeak = Math.max(memory.externalPeak, heap.external_memory);
};
setInterval(sample, 50).unref();

/** The pool's request to a worker over its time limit: exit, so exit handlers kill ffmpeg and remove temp files. */
export const stopMessage = { stop: true } as const;

parentPort!.on('message', async (message: StudentTask | typeof stopMessage) => {
  if ('stop' in message) process.exit(1);
  const outcome = await runStudent(message);
  sample();
  parentPort!.postMessage({ outcome, memory } satisfies WorkerReply);
});
