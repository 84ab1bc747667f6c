import { MatchService } from '../service/match-service.js';
import { playerRequest, type PlayerRequest } from '../service/player-request.js';
import type { Player, RunContext } from './run-context.js';

/** The service a backfill request goes to: the worker's, which runs a round each tick (the retry service has no rounds to fill one in). */
export function backfillService(run: RunContext): MatchService<number, number> {
  const handler = run.service.handler;
  if (!(handler instanceof MatchService)) throw new Error('backfill needs the match service that runs worker rounds (matcher.service rounds)');
  return handler;
}

/** A running match's present players, side by side, as requests of their own with their scores (a pool whose rules read the whole match, FlexMatch's, reads each from its slot). */
export function presentRequests(run: RunContext, sides: ReadonlyArray<readonly Player[]>): PlayerRequest<number>[][] {
  const scores = run.tally.tickets.score;
  return sides.map((side) => side.map((p) => playerRequest(scores.get(p), p, p, '', p)));
}
