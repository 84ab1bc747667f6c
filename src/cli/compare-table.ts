import { formatP, type Comparison } from '../reports/compare.js';
import { printable } from '../reports/console-text.js';

const fmt = (x: number | null, digits = 3): string => (x === null ? '-' : String(Math.round(x * 10 ** digits) / 10 ** digits));

/** The console table of a comparison: the results and their names, then a table for each result against the baseline. */
export function comparisonTable(c: Comparison, output: string): string {
  const multi = new Set(c.rows.map((r) => r.point)).size > 1;
  const tested = c.rows.some((r) => r.p !== null);
  const lines = c.names.map((name, i) => `${printable(name)}${i === 0 ? ' (baseline)' : ''}: ${printable(c.dirs[i])}`);
  for (const against of c.names.slice(1)) {
    const [a, b] = [printable(c.names[0]), printable(against)];
    const header = [...(multi ? ['point'] : []), 'figure', a, b, `${b} - ${a}`, 'change', ...(tested ? ['p', 'significant'] : [])];
    const rows = c.rows
      .filter((r) => r.against === against)
      .map((r) => [
        ...(multi ? [printable(r.point)] : []),
        printable(r.figure),
        fmt(r.a),
        fmt(r.b),
        r.diff === null ? '-' : (r.diff > 0 ? '+' : '') + fmt(r.diff),
        r.change === null ? '-' : `${r.change > 0 ? '+' : ''}${fmt(r.change, 1)}%`,
        ...(tested ? [r.p === null ? '-' : formatP(r.p), r.significant === null ? '-' : r.significant ? 'yes' : 'no'] : []),
      ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const textColumns = multi ? 2 : 1;
    const line = (cells: string[]) => cells.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    if (c.names.length > 2) lines.push('', `${b} against ${a}:`);
    lines.push(line(header), ...rows.map(line));
  }
  const tests = [...new Set(c.rows.map((r) => r.test).filter((t) => t !== null))];
  const names: Record<string, string> = {
    'paired t': 'paired t-test (both sides ran the same seeds)',
    welch: "Welch's t-test (different seeds)",
  };
  lines.push(
    tested
      ? `significance: ${tests.map((t) => names[t as string]).join(' / ')}, two-sided, at the ${c.level * 100}% level`
      : 'significance: not tested (needs two or more replications on both sides)',
  );
  for (const u of c.unmatched) lines.push(`not compared: ${printable(u)}`);
  lines.push(`output  ${output}`);
  return lines.join('\n') + '\n';
}
