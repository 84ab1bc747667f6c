import * as z from 'zod';
import { readOpenMatchTickets } from '../formats/openmatch.js';
import { checkLogTrace, REPLAYED_LOG } from './recorded-trace.js';
import { arrivalKind } from './source-kind.js';
import { REPLAY_WINDOW } from './replay-window.js';
import { OBSERVED_ENDS } from '../formats/replay-log.js';

/** Open Match tickets (v1 or v2 JSON, one per line), replayed as players: see formats/openmatch.ts. */
export const openmatch = arrivalKind({
  name: 'openmatch',
  label: 'Open Match tickets',
  schema: z
    .strictObject({
      type: z.literal('openmatch'),
      file: z.string().min(1, { error: 'file must be a non-empty path' }).describe('Open Match tickets, one JSON object per line (v1: id, searchFields, createTime; v2: id, attributes with creationTime); a path relative to the scenario file.'),
      score: z
        .string()
        .regex(/^doubleArgs\..+$/, { error: 'score must be doubleArgs.<key>' })
        .default('doubleArgs.mmr')
        .describe('The search field that is a player\'s score (default doubleArgs.mmr): a whole number.'),
      latencyPrefix: z
        .string()
        .min(1)
        .max(64)
        .default('latency.')
        .describe('doubleArgs named <latencyPrefix><dc> are round trips in ms to data centre <dc> of latency.dataCentres (default "latency.").'),
      assignments: z
        .string()
        .min(1, { error: 'assignments must be a non-empty path' })
        .optional()
        .describe("Optional: when tickets were assigned, one JSON line each (a time as assignTime, assignedAt, time or ts, and ticketId, ticketIds, an AssignTicketsRequest's assignments[].ticketIds or a Director's match.tickets[].id), for the wait production observed; a path relative to the scenario file."),
      ...REPLAY_WINDOW,
    })
    .describe('Replays an Open Match ticket dump: each ticket a player, its doubleArgs numbers, stringArgs strings and tags attributes (a tag: "true" where present).'),
  needs: {},
  provides: { scores: 'scores come from the tickets', attributes: "a ticket's search fields are its attributes" },
  excludes: { parties: 'an Open Match ticket is a player alone here' },
  recorded: {
    files: (spec) => [{ field: 'arrivals.file', file: spec.file, what: 'Open Match ticket file' }, ...(spec.assignments !== undefined ? [{ field: 'arrivals.assignments', file: spec.assignments, what: 'Open Match assignments file' }] : [])],
    read: ([path, assignments], spec) => readOpenMatchTickets(path, spec, assignments),
    check: checkLogTrace,
  },
  ...REPLAYED_LOG,
  // With an assignments log, the wait production observed; Open Match records no leaves.
  recordedColumns: (spec) => (spec.assignments !== undefined ? [OBSERVED_ENDS[0]] : []),
});
