/** Writes via a temporary file in the same folder and a rename: a reader never sees half a file. */
export { writeAtomically as writeAtomic } from './atomic.js';
