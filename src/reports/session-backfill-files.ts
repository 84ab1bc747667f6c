import { join } from 'node:path';
import { STREAM_SESSION_ROOMS, type BackfillStreamStats, type SessionBackfillStats } from '../engine/session-backfill-stats.js';
import { idLookup } from '../engine/records.js';
import { idCellOf } from './csv-safety.js';
import { POPULATION_FILES, writeBackfillRequests } from './population-files.js';
import type { TableContext } from './table-context.js';

/**
 * backfills.csv of a run whose sessions start short (open arrivals): each
 * request's session named by its starting players, as rooms.csv names it,
 * and its joiners by their ids (a trace's ids are neutralised as formulas, as
 * in players.csv).
 */
export function writeSessionBackfills(dir: string, stats: SessionBackfillStats, context: TableContext): void {
  const idOf = idLookup(context.ids);
  const safe = idCellOf(context.ids);
  const { sessions } = stats;
  const nameOf = new Map<number, string>();
  let at = 0;
  for (let i = 0; i < sessions.room.length; i++) {
    const ids: string[] = [];
    for (let k = 0; k < sessions.startPlayers[i]; k++) ids.push(idOf(sessions.members[at + k]));
    at += sessions.startPlayers[i];
    nameOf.set(sessions.room[i], 'room_' + ids.join('_'));
  }
  writeBackfillRequests(join(dir, POPULATION_FILES.backfills), stats, (room) => nameOf.get(room) ?? '', (player) => safe(idOf(player)));
}

/** backfills.csv of a stream of backfill requests: a request's session, which the run did not form, named by the players who joined it (empty while none has). */
export function writeStreamBackfills(dir: string, stats: BackfillStreamStats, context: TableContext): void {
  const idOf = idLookup(context.ids);
  const safe = idCellOf(context.ids);
  const joinersOf: string[][] = Array.from({ length: stats.requests.room.length }, () => []);
  for (let j = 0; j < stats.joiners.request.length; j++) joinersOf[stats.joiners.request[j]].push(idOf(stats.joiners.visit[j]));
  const nameOf = (room: number): string => {
    const joiners = joinersOf[room - STREAM_SESSION_ROOMS];
    return joiners.length === 0 ? '' : 'room_' + joiners.join('_');
  };
  writeBackfillRequests(join(dir, POPULATION_FILES.backfills), stats, nameOf, (player) => safe(idOf(player)));
}
