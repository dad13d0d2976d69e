/**
 * When to restart a server that stopped on its own: a few times, but not in a loop.
 */

export const DEFAULT_MAX_RESTARTS = 4;
export const DEFAULT_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts: number = DEFAULT_MAX_RESTARTS,
    private readonly windowMs: number = DEFAULT_WINDOW_MS,
  ) {}

  /**
   * Record a crash at `now` (milliseconds) and say whether to start the server again: yes while
   * there were at most `maxRestarts` crashes in the last `windowMs`.
   */
  shouldRestart(now: number): boolean {
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get recentCrashes(): number {
    return this.crashes.length;
  }

  /** Forget past crashes, after the user restarts the server or changes its settings. */
  reset(): void {
    this.crashes = [];
  }
}
