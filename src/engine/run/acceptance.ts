import { Priority } from '../event-priorities.js';
import { MatchService } from '../service/match-service.js';
import type { Player, Room } from './run-context.js';
import type { RunModule } from './run-module.js';

/**
 * Players who answer a proposed match (FlexMatch's acceptanceRequired): each
 * player still there draws, when the match is proposed, whether it accepts
 * and how long it takes to say so; an answer later than the timeout is no
 * answer. The service makes the match once all accept and drops it at a
 * rejection or at the timeout (engine/service/acceptance.ts).
 */
export const acceptance: RunModule = {
  name: 'acceptance',
  part(config) {
    const settings = config.acceptance;
    if (settings === undefined) return undefined;
    const counted = { potentialMatches: 0, rejectedMatches: 0, timedOutMatches: 0, playersReturned: 0, playersCancelled: 0, answers: 0, rejections: 0 };
    return {
      start(run) {
        const { kernel, connections } = run;
        const tickets = run.tally.tickets;
        const handler = run.service.handler;
        if (!(handler instanceof MatchService)) throw new Error('acceptance is asked by the worker-round service (matcher.service rounds)');
        const service: MatchService<Player, Room> = handler;
        return {
          proposed: (now, proposal, requests) => {
            counted.potentialMatches++;
            for (const request of requests) {
              const leader = request.uuid;
              for (let player = leader; player < leader + tickets.partySize(leader); player++) {
                // A player gone before the proposal never answers; draws are made in the same order whatever the others do.
                const accepts = settings.accepts();
                const after = settings.response();
                if (connections.isGone(player) || !(after < settings.timeout)) continue;
                kernel.at(now + after, Priority.DELIVERY, () => {
                  if (connections.isGone(player)) return;
                  if (!service.acceptMatch(proposal, player, accepts)) return;
                  counted.answers++;
                  if (!accepts) counted.rejections++;
                });
              }
            }
          },
          dropped: (_now, dropped) => {
            if (dropped.reason === 'rejected') counted.rejectedMatches++;
            else counted.timedOutMatches++;
            for (const request of dropped.returned) counted.playersReturned += tickets.partySize(request.uuid);
            for (const request of dropped.cancelled) counted.playersCancelled += tickets.partySize(request.uuid);
          },
          stats: () => ({ acceptance: { ...counted, stillProposed: service.proposedPlayers() } }),
        };
      },
    };
  },
};
