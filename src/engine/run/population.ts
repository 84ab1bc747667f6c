import { Population } from '../population/population.js';
import type { RunModule } from './run-module.js';
import { joinerTeamsOf, type JoinedRoom } from '../service/match-service.js';
import { backfillService, presentRequests } from './backfill-service.js';

/**
 * A closed population instead of an arrival stream: its players' sessions
 * queue visits, which are the run's arrivals; matches, results and ratings
 * follow each room, and its per-tick invariant is checked with the run's.
 */
export const population: RunModule = {
  name: 'population',
  part(config) {
    const settings = config.population;
    if (settings === undefined) return undefined;
    let players: Population | undefined;
    const started = (): Population => players ?? (() => { throw new Error('the population has not started'); })();
    return {
      configure(setup) {
        if (settings.cancel === true) setup.cancellable = true;
        setup.cancels.session = settings.cancel === true;
        setup.arrivalsOnDemand = true;
        setup.populationTables = { states: () => started().concurrencyNow(), players: (from, to) => started().playersOfVisits(from, to) };
      },
      start(run) {
        const { kernel, connections } = run;
        const { sides, roundTrips, ...populationConfig } = settings;
        const backfill = settings.backfill;
        const dataCentres = run.config.dataCentres?.length ?? 0;
        // One buffer per member of the largest party, reused visit to visit: the tally copies them into the ticket table at once.
        const measured: Float64Array[] = [];
        const latencyOf = (leader: number, size: number): Float64Array[] | undefined => {
          if (roundTrips === undefined) return undefined;
          while (measured.length < size) measured.push(new Float64Array(dataCentres));
          for (let k = 0; k < size; k++) roundTrips(leader + k, measured[k]);
          return measured;
        };
        // With role queues, each member's roles, in one buffer reused visit to visit (the tally keeps them at once).
        const roles = settings.roles;
        // A seat's role is the one its first player played: none where the pool fills no room by role (the request then takes any player).
        const roleNames = roles !== undefined ? run.config.roles : undefined;
        const partyRoles: Array<readonly string[]> = [];
        const rolesOf = (leader: number, size: number): ReadonlyArray<readonly string[]> | undefined => {
          if (roles === undefined) return undefined;
          partyRoles.length = 0;
          for (let k = 0; k < size; k++) partyRoles.push(roles[leader + k]);
          return partyRoles;
        };
        const created = new Population(
          populationConfig,
          {
            kernel,
            queue: (now, leader, size, scores) => {
              const visit = run.arriveRequest(now, scores, latencyOf(leader, size), rolesOf(leader, size));
              if (connections.opened !== visit + size) throw new Error(`visit ${visit}: ${connections.opened - visit} players arrived for a party of ${size}`);
              return visit;
            },
            withdraw: (visit) => run.withdraw(visit, 'session'),
            ...(roleNames !== undefined ? { roleOf: (visit: number) => (run.tally.rolePlayed(visit) < 0 ? undefined : roleNames[run.tally.rolePlayed(visit)]) } : {}),
            queueEarlier: (visit: number, size: number, seconds: number) => {
              for (let k = 0; k < size; k++) run.tally.tickets.queueEarlier(visit + k, seconds);
            },
            ...(backfill !== undefined
              ? {
                  requestBackfill: (now: number, room: number, request: { score: number; open: number; present: ReadonlyArray<readonly number[]>; roles: readonly string[] | undefined }) => {
                    const { score, open, roles } = request;
                    const present = presentRequests(run, request.present);
                    // With data centres, the match's: only players the latency cap admits there may join.
                    const dc = run.tally.roomDataCentre(room);
                    const dataCentre = Number.isNaN(dc) ? undefined : run.config.dataCentres?.[dc];
                    backfillService(run).requestBackfill({ match: room, score, open, requestedAt: now, priority: backfill.priority, present, ...(roles !== undefined ? { roles } : {}), ...(dataCentre !== undefined ? { dataCentre } : {}) });
                  },
                  cancelBackfill: (room: number) => void backfillService(run).cancelBackfill(room),
                }
              : {}),
          },
          { size: run.roomSize, sides },
        );
        players = created;
        created.start();
        if (backfill !== undefined && sides > 1 && sides < run.roomSize) run.joinerTeams = (room, members) => created.sidesOf(room, members);
        return {
          ...(backfill !== undefined ? { roomJoined: (now: number, room: number, members: readonly number[], joined: JoinedRoom<number, number>) => created.backfilled(now, room, members, joined.roles, joinerTeamsOf(joined)) } : {}),
          joined: (player) => created.joined(player),
          roomFormed: (now, room, members, teams) => created.roomFormed(now, room, members, teams),
          left: (leader, withdrawn, size) => created.left(leader, withdrawn, size),
          ticked: (now, accounting) => created.check(now, { queued: accounting.queued, pool: accounting.pool }),
          stats: () => ({ population: created.stats() }),
        };
      },
    };
  },
};
