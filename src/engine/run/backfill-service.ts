import { MatchService } from '../service/match-service.js';
import type { RunContext } from './run-context.js';

/** The service a backfill request goes to: the worker's, which runs a round each tick (the retry service has no rounds to fill one in). */
export function backfillService(run: RunContext): MatchService<number, number> {
  const handler = run.service.handler;
  if (!(handler instanceof MatchService)) throw new Error('backfill needs the match service that runs worker rounds (matcher.service rounds)');
  return handler;
}
