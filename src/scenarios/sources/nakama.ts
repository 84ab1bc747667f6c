import * as z from 'zod';
import { readNakamaLog } from '../formats/nakama.js';
import { checkLogTrace, OBSERVED_LOG, REPLAYED_LOG } from './recorded-trace.js';
import { arrivalKind } from './source-kind.js';
import { REPLAY_WINDOW } from './replay-window.js';

/** A Nakama server's debug log, its matchmaker traffic replayed (formats/nakama.ts). */
export const nakama = arrivalKind({
  name: 'nakama',
  label: 'a Nakama log',
  schema: z
    .strictObject({
      type: z.literal('nakama'),
      file: z.string().min(1, { error: 'file must be a non-empty path' }).describe("A Nakama server's log at debug level, one JSON line each (zap): its MatchmakerAdd, MatchmakerTicket, MatchmakerMatched and MatchmakerRemove messages; a path relative to the scenario file."),
      score: z
        .string()
        .regex(/^numeric_properties\..+$/, { error: 'score must be numeric_properties.<key>' })
        .default('numeric_properties.skill')
        .describe("The numeric property that is a player's score (default numeric_properties.skill): a whole number."),
      latencyPrefix: z.string().min(1).max(64).default('latency.').describe('numeric_properties named <latencyPrefix><dc> are round trips in ms to data centre <dc> of latency.dataCentres (default "latency.").'),
      ...REPLAY_WINDOW,
    })
    .describe("Replays a Nakama matchmaker's traffic from its debug log: each MatchmakerAdd a player at its time, its numeric and string properties attributes (and its ticket's min_count, max_count, count_multiple and query); players.csv gets the wait production observed (observed_wait: until MatchmakerMatched) and how long a removed ticket waited (observed_waitBeforeLeaving)."),
  needs: {},
  provides: { scores: 'scores come from the log', attributes: "a ticket's properties are its attributes" },
  excludes: { parties: "a Nakama ticket is a player alone here (a PartyMatchmakerAdd's members are not in the log)" },
  recorded: {
    files: (spec) => [{ field: 'arrivals.file', file: spec.file, what: 'Nakama log' }],
    read: ([path], spec) => readNakamaLog(path, spec),
    check: checkLogTrace,
  },
  ...REPLAYED_LOG,
  ...OBSERVED_LOG,
});
