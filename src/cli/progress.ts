// A one-line progress display on a terminal, silent otherwise (logs and CI stay clean).

export function progressLine(enabled = process.stderr.isTTY === true) {
  let last = 0;
  return {
    update(text: string, force = false): void {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < 200) return;
      last = now;
      process.stderr.write(`\r\x1b[2K${text}`);
    },
    done(): void {
      if (enabled) process.stderr.write("\n");
    },
  };
}
