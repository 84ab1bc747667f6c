import { MatchService } from '../service/match-service.js';
import type { Player, Room, RunContext } from './run-context.js';
import type { RunModule } from './run-module.js';

/**
 * The seed's worker: each tick it drains the queue into the pool, matches,
 * and creates each room (cache entry, group, create_player events).
 */
export const workerRound: RunModule = {
  name: 'worker-round',
  part: (config) => (config.matcher.service.type === 'retry' ? undefined : { start }),
};

function start(run: RunContext): void {
  const { channels, events, hooks, queue, joined, roomFormed, pooledPlayers } = run;
  const acceptance = run.config.acceptance;
  const service = new MatchService<Player, Room>({ ...run.ports, queue, pool: run.pool, cancellable: run.cancellable, ...(acceptance !== undefined ? { acceptance: { timeoutSeconds: acceptance.timeout } } : {}) });
  run.service = {
    handler: service,
    joinsOnArrival: false,
    queuedPlayers: () => service.queuedPlayers(),
    ...(acceptance !== undefined ? { proposedPlayers: () => service.proposedPlayers() } : {}),
    round: (now) => {
      const deliveredBefore = channels.delivered;
      const queued = queue.length;
      if (hooks.skipsRound?.(now) === true) {
        // A stalled worker neither drains nor matches: the queue grows, and nobody's window widens.
        const pooled = pooledPlayers();
        events.ticked(now, queued, pooled, 0, 0, channels.delivered - deliveredBefore);
        return pooled;
      }
      const round = service.work(now);
      for (const request of round.joined) {
        if (request.members === undefined) joined(now, request.uuid);
        else for (const member of request.members) joined(now, member.uuid);
      }
      if (round.dropped !== undefined) {
        for (const dropped of round.dropped) {
          for (const request of dropped.cancelled) run.withdraw(request.uuid, 'rejected');
          hooks.dropped?.(now, dropped);
        }
      }
      const matchedBefore = run.counts.matched;
      for (const room of round.rooms) roomFormed(now, room);
      if (round.backfilled !== undefined) for (const joined of round.backfilled) run.roomJoined(now, joined);
      if (round.proposed !== undefined) for (const proposal of round.proposed) hooks.proposed?.(now, proposal.id, proposal.match.tickets);
      const pooled = pooledPlayers();
      events.ticked(now, queued, pooled, round.rooms.length, run.counts.matched - matchedBefore, channels.delivered - deliveredBefore);
      return pooled;
    },
  };
}
