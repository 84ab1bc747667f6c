import { Priority } from '../event-priorities.js';
import { poolRouter } from '../pool/filters.js';
import { idLookup } from '../records.js';
import type { Attributes } from '../pool/filters.js';
import type { PlayerIdentity } from '../service/player-request.js';
import type { Player } from './run-context.js';
import type { RunModule } from './run-module.js';

/**
 * Arrivals: the game server calls add_player (add_party for a party) for
 * each arrival, in order. Each arrival from the source schedules the next,
 * unless another module paces them: a population hands its visits straight
 * in (run.arriveRequest).
 */
export const arrivals: RunModule = {
  name: 'arrivals',
  part: () => ({
    start(run) {
      const { kernel, events, source, slot, hooks, config } = run;
      const service = run.service;
      const handler = service.handler;
      const joinsOnArrival = service.joinsOnArrival;
      // A ticket's pool is found once, here: the record and the partitioned pool both take it.
      const route = config.matcher.pools && poolRouter(config.matcher.pools);
      const partyScore = config.partyScore;
      const party: PlayerIdentity<Player>[] = [];
      const selfPaced = !run.arrivalsOnDemand;
      const { connect, joined } = run;
      const scheduleNext = (): void => {
        if (source.next(slot)) kernel.at(slot.time, Priority.ARRIVAL, arrive);
      };
      /** A request of `size` players (the first `leader`, each in the ticket table) goes to the service: add_player, or add_party with the party's score. */
      const submit = (now: number, leader: Player, size: number, total: number, best: number, attributes: Attributes | undefined, pool: number | undefined): void => {
        // No queue with retries: the handler itself puts the request in the pool.
        if (joinsOnArrival) for (let k = 0; k < size; k++) joined(now, leader + k);
        if (size === 1) {
          handler.addPlayer(total, leader, leader, '', leader, attributes, pool);
        } else {
          party.length = 0;
          for (let k = 0; k < size; k++) party.push({ uuid: leader + k, username: leader + k, photo: '', channelName: leader + k });
          handler.addParty(partyScore === 'max' ? best : total / size, [...party], attributes, pool);
        }
        hooks.arrived?.(now, leader, size);
      };
      const arrive = (now: number): void => {
        const attributes = slot.attributes;
        const poolIndex = route ? route(attributes) : -1;
        const pool = route ? poolIndex : undefined;
        const size = slot.party ?? 1;
        const leader = connect();
        events.arrived(now, leader, slot.score, poolIndex, size > 1 ? leader : -1, attributes, slot.recorded, slot.latency, slot.roles);
        let total = slot.score;
        let best = slot.score;
        for (let k = 1; k < size; k++) {
          if (!source.next(slot) || slot.party !== 0 || slot.time !== now) {
            throw new Error(`party of ${idLookup(source.ids)(leader)}: the arrival source gave ${k} of its ${size} players`);
          }
          // Each member keeps its own attributes in the ticket table (a replayed log's players have theirs); the party is routed and matched by its first player's.
          events.arrived(now, connect(), slot.score, poolIndex, leader, slot.attributes, slot.recorded, slot.latency, slot.roles);
          total += slot.score;
          best = Math.max(best, slot.score);
        }
        submit(now, leader, size, total, best, attributes, pool);
        if (selfPaced) scheduleNext();
      };
      run.arriveRequest = (now, scores, latency, roles) => {
        // Straight into the ticket table and the service: no source between the module that paces arrivals and the service.
        const size = scores.length;
        const poolIndex = route ? route(undefined) : -1;
        const leader = connect();
        events.arrived(now, leader, scores[0], poolIndex, size > 1 ? leader : -1, undefined, undefined, latency?.[0], roles?.[0]);
        let total = scores[0];
        let best = scores[0];
        for (let k = 1; k < size; k++) {
          events.arrived(now, connect(), scores[k], poolIndex, leader, undefined, undefined, latency?.[k], roles?.[k]);
          total += scores[k];
          best = Math.max(best, scores[k]);
        }
        submit(now, leader, size, total, best, undefined, route ? poolIndex : undefined);
        return leader;
      };
      run.arrive = arrive;
      if (selfPaced) scheduleNext();
    },
  }),
};
