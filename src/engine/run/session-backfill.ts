import { Priority } from '../event-priorities.js';
import { BackfillLog } from '../population/running-match.js';
import { GrowableInt32 } from '../growable.js';
import { joinerTeamsOf } from '../service/match-service.js';
import { backfillService, presentRequests } from './backfill-service.js';
import type { RunModule } from './run-module.js';
import type { Player } from './run-context.js';

export type { SessionBackfillConfig, SessionBackfillStats } from '../session-backfill-stats.js';

interface Session {
  readonly index: number;
  /** The players present, team by team (the match's team order). */
  readonly teams: Player[][];
  players: number;
  /** The standing request's number, or -1. */
  request: number;
}

/** Automatic backfill of sessions that start short (SessionBackfillConfig): each asks once up, again after a timeout, until it stops backfilling. */
export const sessionBackfill: RunModule = {
  name: 'session-backfill',
  part(config) {
    const settings = config.sessionBackfill;
    if (settings === undefined) return undefined;
    const log = new BackfillLog();
    const rooms = new GrowableInt32();
    const starting = new GrowableInt32();
    const formedAt: number[] = [];
    const startPlayers: number[] = [];
    const finalPlayers: number[] = [];
    const fullAt: number[] = [];
    return {
      start(run) {
        const { kernel, roomSize } = run;
        const scores = run.tally.tickets.score;
        // Sessions by room, in the order they formed (a Map iterates in insertion order).
        const sessions = new Map<number, Session>();
        const ask = (now: number, room: number): void => {
          const session = sessions.get(room);
          // A session that stopped backfilling is gone from `sessions`.
          if (session === undefined || session.request >= 0 || session.players >= roomSize) return;
          let total = 0;
          for (const team of session.teams) for (const p of team) total += scores.get(p);
          const open = roomSize - session.players;
          session.request = log.opened(room, now, open);
          backfillService(run).requestBackfill({ match: room, score: Math.round(total / session.players), open, requestedAt: now, priority: settings.priority, present: presentRequests(run, session.teams) });
          kernel.at(now + settings.timeout, Priority.ABANDON, timedOut, session.request);
        };
        const timedOut = (now: number, request: number): void => {
          const session = sessions.get(log.room.get(request));
          if (session === undefined || session.request !== request) return;
          backfillService(run).cancelBackfill(log.room.get(request));
          log.closed(request, now, 'timedOut', []);
          session.request = -1;
          ask(now, log.room.get(request));
        };
        const close = (now: number, room: number): void => {
          const session = sessions.get(room) as Session;
          finalPlayers[session.index] = session.players;
          if (session.request >= 0) {
            backfillService(run).cancelBackfill(room);
            log.closed(session.request, now, 'matchEnded', []);
            session.request = -1;
          }
          sessions.delete(room);
        };
        return {
          roomFormed: (now, room, members, teams) => {
            const index = formedAt.length;
            rooms.push(room);
            for (const p of members) starting.push(p);
            formedAt.push(now);
            startPlayers.push(members.length);
            finalPlayers.push(members.length);
            fullAt.push(Number.NaN);
            if (members.length >= roomSize) return;
            const byTeam: Player[][] = Array.from({ length: settings.teams }, () => []);
            members.forEach((p, m) => byTeam[teams === undefined ? 0 : teams[m]].push(p));
            sessions.set(room, { index, teams: byTeam, players: members.length, request: -1 });
            kernel.at(now + settings.startup, Priority.ABANDON, ask, room);
            kernel.at(now + settings.until, Priority.ABANDON, close, room);
          },
          roomJoined: (now, room, members, joined) => {
            const session = sessions.get(room);
            if (session === undefined || session.request < 0) throw new Error(`room ${room}: players joined a session that asked for none`);
            const teams = joinerTeamsOf(joined);
            members.forEach((p, m) => session.teams[teams?.[m] ?? 0].push(p));
            session.players += members.length;
            if (session.players > roomSize) throw new Error(`room ${room}: ${session.players} players in a session of ${roomSize} seats`);
            log.closed(session.request, now, 'filled', members);
            session.request = -1;
            if (session.players === roomSize) fullAt[session.index] = now;
            finalPlayers[session.index] = session.players;
            ask(now, room);
          },
          stats: () => ({
            sessionBackfill: {
              ...log.view(),
              sessions: { room: rooms.view(), members: starting.view(), formedAt: Float64Array.from(formedAt), startPlayers: Int32Array.from(startPlayers), finalPlayers: Int32Array.from(finalPlayers), fullAt: Float64Array.from(fullAt) },
              seats: roomSize,
              window: settings.until,
            },
          }),
        };
      },
    };
  },
};
