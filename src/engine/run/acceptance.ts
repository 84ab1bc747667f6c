import { Priority } from '../event-priorities.js';
import { GrowableFloat64, GrowableInt32 } from '../growable.js';
import type { ProposalRecords } from '../run-tally.js';
import { MatchService } from '../service/match-service.js';
import type { Player, Room } from './run-context.js';
import type { RunModule } from './run-module.js';

/** PROPOSAL_OUTCOMES' indices. */
const PENDING = 0;
const ACCEPTED = 1;
const REJECTED = 2;
const TIMED_OUT = 3;

/**
 * Players who answer a proposed match (FlexMatch's acceptanceRequired): each
 * player still there draws, when the match is proposed, whether it accepts
 * and how long it takes to say so; an answer later than the timeout is no
 * answer. The service makes the match once all accept and drops it at a
 * rejection or at the timeout (engine/service/acceptance.ts). Every proposal
 * and answer is recorded, for proposals.csv and the exported events.
 */
export const acceptance: RunModule = {
  name: 'acceptance',
  part(config) {
    const settings = config.acceptance;
    if (settings === undefined) return undefined;
    const counted = { potentialMatches: 0, rejectedMatches: 0, timedOutMatches: 0, playersReturned: 0, playersCancelled: 0, answers: 0, rejections: 0 };
    const proposedAt = new GrowableFloat64();
    const settledAt = new GrowableFloat64();
    const outcome = new GrowableInt32();
    const rows = { proposal: new GrowableInt32(), player: new GrowableInt32(), answer: new GrowableInt32(), answeredAt: new GrowableFloat64() };
    /** The proposal each proposed ticket is in, by its leader: a room formed from one is that proposal accepted. */
    const proposalOf = new Map<Player, number>();
    const settle = (id: number, now: number, how: number): void => {
      settledAt.set(id, now);
      outcome.set(id, how);
    };
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
            proposedAt.push(now);
            settledAt.push(NaN);
            outcome.push(PENDING);
            for (const request of requests) {
              const leader = request.uuid;
              proposalOf.set(leader, proposal);
              for (let player = leader; player < leader + tickets.partySize(leader); player++) {
                const row = rows.proposal.length;
                rows.proposal.push(proposal);
                rows.player.push(player);
                rows.answer.push(-1);
                rows.answeredAt.push(NaN);
                // A player gone before the proposal never answers; draws are made in the same order whatever the others do.
                const accepts = settings.accepts();
                const after = settings.response();
                if (connections.isGone(player) || !(after < settings.timeout)) continue;
                kernel.at(now + after, Priority.DELIVERY, () => {
                  if (connections.isGone(player)) return;
                  if (!service.acceptMatch(proposal, player, accepts)) return;
                  counted.answers++;
                  if (!accepts) counted.rejections++;
                  rows.answer.set(row, accepts ? 1 : 0);
                  rows.answeredAt.set(row, kernel.now);
                });
              }
            }
          },
          dropped: (now, dropped) => {
            if (dropped.reason === 'rejected') counted.rejectedMatches++;
            else counted.timedOutMatches++;
            settle(dropped.id, now, dropped.reason === 'rejected' ? REJECTED : TIMED_OUT);
            for (const request of [...dropped.returned, ...dropped.cancelled]) proposalOf.delete(request.uuid);
            for (const request of dropped.returned) counted.playersReturned += tickets.partySize(request.uuid);
            for (const request of dropped.cancelled) counted.playersCancelled += tickets.partySize(request.uuid);
          },
          roomFormed: (now, _room, members) => {
            // Every room is an accepted proposal; its first member leads a ticket of it.
            const id = proposalOf.get(members[0]);
            if (id === undefined) throw new Error(`a room formed from no proposal (player ${members[0]}) in a run that requires acceptance`);
            settle(id, now, ACCEPTED);
            for (const player of members) proposalOf.delete(player);
          },
          stats: () => {
            const proposals: ProposalRecords = {
              proposedAt: proposedAt.view().slice(),
              settledAt: settledAt.view().slice(),
              outcome: Int8Array.from(outcome.view()),
              rows: { proposal: rows.proposal.view().slice(), player: rows.player.view().slice(), answer: Int8Array.from(rows.answer.view()), answeredAt: rows.answeredAt.view().slice() },
            };
            return { acceptance: { ...counted, stillProposed: service.proposedPlayers(), proposals } };
          },
        };
      },
    };
  },
};
