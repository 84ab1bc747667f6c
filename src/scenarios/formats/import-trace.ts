import { neutraliseFormula } from '../../reports/csv-safety.js';
import { csvText } from '../../reports/csv-writer.js';
import { LATENCY_PREFIX, OBSERVED_PREFIX, PARTY_COLUMN, type Trace } from '../trace.js';

/**
 * A trace as a plain matchsim trace CSV (time,id,score, party where it has
 * parties, then its columns, then observed.<name> for what production
 * observed of each player),
 * for `matchsim import`: what a production log's reader made of the file,
 * to inspect, edit and replay as `{"type": "trace"}`. Numbers are written
 * as the shortest text that reads back as the same double, so the replay
 * gives the same bytes as replaying the log; text that would start a formula
 * in a spreadsheet gets a leading apostrophe, as every CSV matchsim writes.
 */
export function traceCsv(trace: Trace): string {
  const kinds = trace.kinds ?? {};
  const numeric = trace.attributes.map((c) => c.name.startsWith(LATENCY_PREFIX) || (Object.hasOwn(kinds, c.name) && kinds[c.name] === 'number'));
  const text = (cell: string) => csvText(neutraliseFormula(cell));
  const observed = trace.recorded ?? [];
  const parties = trace.parties?.keys;
  let out = ['time', 'id', 'score', ...(parties !== undefined ? [PARTY_COLUMN] : []), ...trace.attributes.map((c) => c.name), ...observed.map((r) => OBSERVED_PREFIX + r.name)].map(text).join(',') + '\n';
  for (let i = 0; i < trace.ids.length; i++) {
    let line = String(trace.times[i]) + ',' + text(trace.ids[i]) + ',' + String(trace.scores[i]);
    if (parties !== undefined) line += ',' + (parties[i] === '' ? '' : text(parties[i]));
    for (let c = 0; c < trace.attributes.length; c++) {
      const cell = trace.attributes[c].cells[i];
      line += ',' + (cell === '' ? '' : numeric[c] ? cell : text(cell));
    }
    for (const r of observed) line += ',' + (Number.isNaN(r.values[i]) ? '' : String(r.values[i]));
    out += line + '\n';
  }
  return out;
}

/** The arrivals.columns a scenario replaying the CSV declares, so that each column keeps the kind the log gave it ("5" from a stringArg stays a string). */
export function traceColumnsDeclaration(trace: Trace): Record<string, NonNullable<Trace['kinds']>[string]> {
  const kinds = trace.kinds ?? {};
  const out = Object.create(null) as Record<string, NonNullable<Trace['kinds']>[string]>;
  for (const column of trace.attributes) if (!column.name.startsWith(LATENCY_PREFIX) && Object.hasOwn(kinds, column.name)) out[column.name] = kinds[column.name];
  return out;
}
