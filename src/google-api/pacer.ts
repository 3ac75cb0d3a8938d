// Keeps writes under a per-user quota (Sheets and Docs: 60 write requests per minute per user): a sliding window
// of the last minute's calls; a call that would exceed it waits until the oldest one leaves the window.
import type { Timing } from './retry';

export const WRITES_PER_MINUTE = 60;
const WINDOW_MS = 60_000;

export class Pacer {
  private readonly sent: number[] = [];
  constructor(
    private readonly timing: Timing,
    /** Requests allowed in any 60-second window. Kept one below Google's figure as a margin. */
    private readonly perMinute = WRITES_PER_MINUTE - 1,
  ) {}

  /** Resolves when one more request fits in the window, and counts it. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - WINDOW_MS) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.timing.sleep((this.sent[0] ?? now) + WINDOW_MS - now);
    }
  }

  /** Requests counted in the current window (for tests and the progress line). */
  get inWindow(): number {
    return this.sent.length;
  }
}
