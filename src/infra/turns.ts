/** Waits for work done off this thread (a thread pool's), letting other work run meanwhile. */
export type WaitAside = <T>(work: Promise<T>) => Promise<T>;

/** Waiting with nothing else to run: a caller that interleaves no other work. */
export const waitHere: WaitAside = (work) => work;

/**
 * Turns among tasks that interleave on one thread: one holds the turn at a time, and gives it up
 * only while it waits for work done elsewhere (`aside`). Everything else the tasks do (reading,
 * checking, decoding images, typesetting, writing) stays one task at a time, as if they ran one
 * after another; only that waiting overlaps with another task's work.
 */
export class Turns {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  async take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** For the task holding the turn: another takes it while `work` finishes; then this one takes it back. */
  readonly aside: WaitAside = async (work) => {
    this.give();
    try {
      return await work;
    } finally {
      await this.take();
    }
  };
}
