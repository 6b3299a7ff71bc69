// Keeps the agent's log concise: at most `max` lines per window, then one "… and N more" line.
export function throttledLog(
  write: (line: string) => void,
  max = 20,
  windowMs = 10_000,
): { log: (line: string) => void; stop: () => void } {
  let count = 0;
  let dropped = 0;
  const timer = setInterval(() => {
    if (dropped > 0) write(`… and ${dropped} more status change(s)`);
    count = 0;
    dropped = 0;
  }, windowMs);
  timer.unref();
  return {
    log(line) {
      if (count < max) {
        count += 1;
        write(line);
      } else dropped += 1;
    },
    stop: () => clearInterval(timer),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
