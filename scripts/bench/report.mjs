// Percentiles, number formatting and the results table.

/** Nearest-rank percentile of unsorted numbers (null when empty). */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export function median(values) {
  return percentile(values, 50);
}

/** 12345.6 → "12 346"; small numbers keep `digits` decimals. */
export function num(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  const fixed = Number(value).toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export const ms = (value) => (value === null || value === undefined ? 'n/a' : `${num(value, value < 1 ? 2 : value < 10 ? 1 : 0)} ms`);

/** Rows: { figure, measured, target, ok } (ok: true, false or null = no target). */
export function table(rows) {
  const headers = { figure: 'figure', measured: 'measured', target: 'target', verdict: '' };
  const lines = rows.map((row) => ({ ...row, verdict: row.ok === null || row.ok === undefined ? '' : row.ok ? 'ok' : 'MISS' }));
  const width = (key) => Math.max(headers[key].length, ...lines.map((line) => String(line[key]).length));
  const widths = { figure: width('figure'), measured: width('measured'), target: width('target'), verdict: width('verdict') };
  const format = (line) =>
    `  ${String(line.figure).padEnd(widths.figure)}  ${String(line.measured).padStart(widths.measured)}  ${String(line.target).padEnd(widths.target)}  ${line.verdict}`.trimEnd();
  const rule = `  ${'-'.repeat(widths.figure + widths.measured + widths.target + widths.verdict + 6)}`;
  return [format(headers), rule, ...lines.map(format)].join('\n');
}
