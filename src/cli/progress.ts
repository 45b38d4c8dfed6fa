/**
 * A one-line progress bar on standard error for long runs (verifying or exporting millions of
 * leaves). Drawn only when standard error is a terminal, so scripts and logs never see it, and at
 * most ten times a second, so drawing never slows the work down.
 */

export interface Progress {
  update(done: number, total: number): void;
  /** Clears the bar. */
  finish(): void;
}

const WIDTH = 30;
const NONE: Progress = { update: () => {}, finish: () => {} };

/** A progress bar labelled `label`, or one that does nothing when standard error is not a TTY. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return NONE;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const share = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
      stream.write(
        `\r${label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
