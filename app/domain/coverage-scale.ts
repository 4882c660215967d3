// The colour scale of the coverage matrix and map, with its legend.

/** Five shade classes at rounded quantiles of the delivered counts on the page, so the scale fits any amount of data. */
export function shadeScale(values: number[]): number[] {
  if (!values.length) return [1, 2, 3, 4];
  const sorted = [...values].sort((a, b) => a - b);
  const nice = (n: number) => {
    if (n < 10) return Math.max(1, Math.round(n));
    const p = 10 ** Math.floor(Math.log10(n));
    return Math.round(n / p) * p;
  };
  const thresholds: number[] = [];
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    const t = nice(sorted[Math.floor(q * (sorted.length - 1))]);
    thresholds.push(Math.max(t, (thresholds[thresholds.length - 1] ?? 0) + 1));
  }
  return thresholds; // shade 1: ≤ t0, 2: ≤ t1, 3: ≤ t2, 4: ≤ t3, 5: above
}

export function shadeOf(delivered: number, scale: number[]): number {
  if (delivered <= 0) return 0;
  const i = scale.findIndex((t) => delivered <= t);
  return i === -1 ? 5 : i + 1;
}

/** The legend's words for shades 1 to 5: "1–3", or "4" for a class of one value, then "over N". */
export function shadeLabels(scale: number[]): string[] {
  const range = (lo: number, hi: number) => (lo === hi ? String(lo) : `${lo}–${hi}`);
  return [...scale.map((hi, i) => range(i === 0 ? 1 : scale[i - 1] + 1, hi)), `over ${scale[scale.length - 1]}`];
}
