import type { RenderedChart } from './charts/render.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The page's own stylesheet: no fonts, scripts or anything else fetched, fit to print. */
const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
  .subtitle { color: #555; margin-top: 0; }
  table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
  th, td { border-bottom: 1px solid #e5e5e5; padding: .25rem .7rem; text-align: right; }
  th:first-child, td:first-child, table.facts td, table.facts th { text-align: left; }
  thead th { background: #f5f5f5; }
  pre { background: #f7f7f7; padding: .8rem; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
  figure { margin: 1.5rem 0; break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { color: #555; font-size: 13px; }
  figcaption strong { color: #222; }
  .note { color: #555; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } a { color: inherit; } }
`;

export function page(title: string, subtitle: string, sections: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(subtitle)}</p>
${sections.join('\n')}
</body>
</html>
`;
}

export function section(heading: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

/** A table; cells are HTML (escape text before). `className` 'facts' left-aligns a two-column list of facts. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, className?: string): string {
  const head = `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** Charts inline, each with its caption and a link to its spec for the Vega editor. */
export function figures(charts: readonly RenderedChart[], chartsDir: string): string {
  if (charts.length === 0) return '<p class="note">Charts were not written for this run (--no-charts).</p>';
  return charts
    .map(
      (c) => `<figure id="chart-${c.name}" class="chart">
${c.svg}
<figcaption><strong>${escapeHtml(c.title)}.</strong> ${escapeHtml(c.caption)} <a href="${chartsDir}/${c.name}.vl.json">Vega-Lite spec</a></figcaption>
</figure>`,
    )
    .join('\n');
}

export const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '–' : String(Math.round(x * 10 ** digits) / 10 ** digits));

/** A share as the tables write it: a percentage to two decimals at most (82.73%). */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${fmt(x * 100)}%`);
