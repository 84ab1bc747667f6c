import * as z from 'zod';
import { namedRecord } from '../named-record.js';
import { COLUMN_KINDS } from '../trace-columns.js';
import { checkRecordedTrace, recordedArrivals, recordedAttributes } from './recorded-trace.js';
import { readTrace } from '../trace.js';
import { arrivalKind } from './source-kind.js';

/** A recorded arrival trace (time, id, score, and any other columns as attributes), replayed. */
export const trace = arrivalKind({
  name: 'trace',
  label: 'a trace',
  schema: z
    .strictObject({
      type: z.literal('trace'),
      file: z
        .string()
        .min(1, { error: 'file must be a non-empty path' })
        .describe('CSV with the header time,id,score, rows in time order; a path relative to the scenario file. A column party gives parties: consecutive rows at one time with the same key queue together (empty: alone). Columns latency.<dc> are round trips in ms to the data centres of latency.dataCentres (empty: none to that one); observed.<name> what production observed; any other is an attribute.'),
      columns: namedRecord(z.string().min(1), z.enum(COLUMN_KINDS))
        .optional()
        .describe(
          'The kind of an attribute column: "number", "string", "string-list" (each cell a JSON array of strings, e.g. ["tank","damage"]) or "number-map" (a JSON object of numbers, e.g. {"eu-west":42}). Undeclared: as the first filter naming it tests it (equals: string; a range: number), else numbers when every value is one, else strings.',
        ),
    })
    .describe('Replays a recorded arrival trace.'),
  needs: {},
  provides: { scores: 'scores come from the trace', attributes: "a trace's extra columns are its attributes" },
  excludes: { parties: "a trace's parties are its party column (rows of one party share a key; scored by their mean)" },
  recorded: {
    files: (spec) => [{ field: 'arrivals.file', file: spec.file, what: 'trace' }],
    read: ([path]) => readTrace(path),
    check: (spec, trace, scenario, file) => checkRecordedTrace(file, trace, spec.columns, scenario),
  },
  estimate: (_spec, _scenario, data) => data.trace?.ids.length ?? 0,
  attributes: (spec, scenario, data) => recordedAttributes(data.trace, spec.columns, scenario),
  // Its observed.<name> columns: what production observed of each player, as an imported log's.
  recordedColumns: (_spec, data) => data.trace?.recorded?.map((r) => r.name) ?? [],
  // An imported log's observed leaves (observed.waitBeforeLeaving, in the log's seconds) act as the log's do.
  recordedPatience: (_spec, data) => (data.trace?.recorded?.some((r) => r.name === 'waitBeforeLeaving') === true ? { column: 'waitBeforeLeaving', scale: 1 } : undefined),
  arrivals: (spec, scenario, data) => recordedArrivals(data.trace, spec.columns, scenario),
});
