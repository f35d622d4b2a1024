import { err } from "./report.js";

/**
 * Progress of a batch on stderr: one redrawn bar on a terminal (done/total,
 * images per second, time left), one plain line per file otherwise, so logs
 * and pipes stay readable.
 */
export class Progress {
  readonly #started = performance.now();
  readonly #interactive = process.stderr.isTTY === true;
  #done = 0;

  constructor(readonly total: number) {}

  /** Records one finished file with its line (shown as-is when not on a terminal). */
  step(line: string): void {
    this.#done++;
    if (!this.#interactive) return err(line);
    // Failures must stay on screen, not be drawn over.
    if (line.startsWith("FAILED")) process.stderr.write(`\r\x1b[2K${line}\n`);
    process.stderr.write(`\r\x1b[2K${this.#bar()}`);
    if (this.#done === this.total) process.stderr.write("\n");
  }

  /** Images per second so far. */
  rate(): number {
    return this.#done / Math.max((performance.now() - this.#started) / 1000, 1e-3);
  }

  #bar(): string {
    const width = 30;
    const filled = Math.round((this.#done / Math.max(this.total, 1)) * width);
    const rate = this.rate();
    const eta = rate > 0 ? Math.ceil((this.total - this.#done) / rate) : 0;
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.#done}/${this.total} ${rate.toFixed(1)} img/s ETA ${eta}s`;
  }
}
