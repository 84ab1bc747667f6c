import * as z from 'zod';
import { readFlexMatch } from '../formats/flexmatch.js';
import { checkLogTrace, OBSERVED_LOG, REPLAYED_LOG } from './recorded-trace.js';
import { arrivalKind } from './source-kind.js';
import { REPLAY_WINDOW } from './replay-window.js';

const path = (what: string) => z.string().min(1, { error: `${what} must be a non-empty path` });

/** A FlexMatch queue replayed: its StartMatchmaking requests joined with its matchmaking events (formats/flexmatch.ts). */
export const flexmatch = arrivalKind({
  name: 'flexmatch',
  label: 'a FlexMatch log',
  schema: z
    .strictObject({
      type: z.literal('flexmatch'),
      requests: path('requests').describe('StartMatchmaking requests, one JSON request a line (TicketId, Players with PlayerId, PlayerAttributes, LatencyInMs, Team); a path relative to the scenario file.'),
      events: path('events').describe('The matchmaking events, one EventBridge envelope a line (time, detail.type, detail.tickets with ticketId and startTime); a path relative to the scenario file.'),
      score: z.string().min(1).max(64).default('skill').describe('The PlayerAttributes number ({"N"}) that is a player\'s score (default skill): a whole number.'),
      ...REPLAY_WINDOW,
    })
    .describe('Replays a FlexMatch queue: each ticket a player (a ticket of several players a party) at its startTime, its attributes (N numbers, S strings, SL lists, SDM maps) and LatencyInMs round trips; players.csv gets the wait production observed (observed_wait) and how long a ticket that timed out or was cancelled waited (observed_waitBeforeLeaving).'),
  needs: {},
  provides: { scores: 'scores come from the requests', attributes: "a request's PlayerAttributes are its attributes" },
  excludes: { parties: "a ticket of several players is a party (scored by their mean)" },
  recorded: {
    files: (spec) => [
      { field: 'arrivals.requests', file: spec.requests, what: 'FlexMatch requests file' },
      { field: 'arrivals.events', file: spec.events, what: 'FlexMatch events file' },
    ],
    read: ([requests, events], spec) => readFlexMatch(requests, events, spec),
    check: checkLogTrace,
  },
  ...REPLAYED_LOG,
  ...OBSERVED_LOG,
});
