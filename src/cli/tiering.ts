import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode a function runs before V8 considers optimizing it. V8's default (66 kB) suits
 * a page that lives for minutes; a command that lives for a second spent more on optimizing code
 * it then barely ran. With four times the budget the hot code is still optimized, a little later
 * (measured on 2 cores, medians of 5: 20 documents 1.01 → 0.85 s, 100 documents 3.1 → 2.8 s, one
 * document unchanged at 0.32 s; 131 kB to 328 kB all did about as well).
 */
export const commandInterruptBudget = 262_144;

/**
 * How long a command runs before V8 may optimize code with TurboFan. Until then code runs in V8's
 * interpreter and its baseline compiler (Sparkplug): in a command's first seconds TurboFan compiled
 * code that then ran too little to pay for it (2 cores, interleaved medians of CPU time: one
 * document 360 → 320 ms; 20 documents 1480 → 1040-1070 ms with TurboFan from 1 s, 2 s or never;
 * 100 documents about the same whichever). A command that runs longer, a school's batch, still
 * optimizes its hot code.
 */
export const optimizeAfterMs = 2000;

/**
 * Tunes V8 for a command that runs and exits. Set before any other module loads: a function's
 * budget is fixed when V8 first gives it feedback, and the compile cache's code is only accepted
 * under the flags it was made with (`asAtStart`). The language server and the studio keep V8's
 * defaults: they live as long as the editor or the browser tab.
 */
export function tuneForCommand(): void {
  setFlagsFromString(`--interrupt-budget=${commandInterruptBudget}`);
  setFlagsFromString('--no-opt');
  setTimeout(() => setFlagsFromString('--opt'), optimizeAfterMs).unref();
}

/**
 * Runs `work` under the flags a command starts with: V8 stamps the code it caches with its flags,
 * and a later run, which starts without TurboFan, would refuse code made once it was on. Flags are
 * the process's, shared by its worker threads: whether TurboFan is on by now is the process's age.
 */
export function asAtStart<T>(work: () => T): T {
  setFlagsFromString('--no-opt');
  try {
    return work();
  } finally {
    if (process.uptime() * 1000 >= optimizeAfterMs) setFlagsFromString('--opt');
  }
}
