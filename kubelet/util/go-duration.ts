/**
 * Go's time.Duration.String() for millisecond durations, because the kubelet's messages print Go
 * durations verbatim: `back-off 1m20s restarting failed container=...`, `Successfully pulled image "x"
 * in 1.234s (1.234s including waiting)`. Examples: 0 → "0s", 812 → "812ms", 1200 → "1.2s",
 * 80_000 → "1m20s", 300_000 → "5m0s", 3_600_000 → "1h0m0s". Sub-millisecond parts are dropped (the
 * kubelet truncates to milliseconds first). Pure.
 */

export function formatGoDuration(ms: number): string {
  const whole = Math.trunc(ms);
  if (whole === 0) return '0s';
  if (whole < 0) return `-${formatGoDuration(-whole)}`;
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const millis = whole % 60_000;
  const seconds = `${Math.floor(millis / 1000)}${fraction(millis % 1000)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

/** ".234" for 234 ms, ".2" for 200 ms, "" for 0: Go prints no trailing zeros. */
function fraction(ms: number): string {
  if (ms === 0) return '';
  return `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
}
