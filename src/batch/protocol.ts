import type { StudentOutcome } from './student.js';

/** What the main thread and a worker say to each other: a StudentTask in, a WorkerReply out, or a stop request. */

export interface WorkerReply {
  outcome: StudentOutcome;
  memory: WorkerMemory;
}

/** A worker's own memory high-water marks, since it started. */
export interface WorkerMemory {
  threadId: number;
  /** Peak V8 heap of the worker's isolate (committed), bytes. */
  heapPeak: number;
  /** Peak memory the isolate holds outside its heap (Buffers: fonts, images, PDFs), bytes. */
  externalPeak: number;
}

/** A student's time limit in seconds when --timeout does not set one. */
export const defaultTimeoutSeconds = 300;
