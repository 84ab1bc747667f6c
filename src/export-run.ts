import { join } from 'node:path';
import { InputError } from './errors.js';
import type { ArrivalSlot } from './engine/arrival-source.js';
import { idLookup } from './engine/records.js';
import { arrivalSource } from './run.js';
import { acceptanceOf } from './algorithms/registry.js';
import { readProposals } from './export-proposals.js';
import { isSummary } from './reports/figures.js';
import { SUMMARY_FILE } from './reports/summary.js';
import { readCsvRows } from './scenarios/trace.js';
import { readJsonFile } from './scenarios/read-text.js';
import { loadScenario, resolveScenario } from './scenarios/load.js';
import type { ScenarioTrust } from './scenarios/scenario-files.js';
import { dataCentreNames } from './scenarios/schema/latency.js';
import type { ExportedPlayer, ExportedProposal } from './scenarios/formats/export-log.js';

/**
 * The players of a finished run, for `matchsim export`: its arrivals drawn
 * again from the scenario its summary.json records (the same seed gives the
 * same players, round trips and all), or, for a replay, read again from the
 * files of `replayed`, which must be the run's own scenario; and what became
 * of each from its players.csv. A result directory is untrusted input: its files
 * are read bounded, and a players.csv that is not of that scenario is refused.
 */
export function exportedPlayers(dir: string, replayed?: { readonly file: string; readonly trust: ScenarioTrust }): { readonly players: ExportedPlayer[]; readonly dataCentres: readonly string[]; readonly roomSize: number; readonly acceptance?: { readonly timeoutSeconds: number; readonly proposals: readonly ExportedProposal[] } } {
  const summaryFile = join(dir, SUMMARY_FILE);
  const summary = readJsonFile(summaryFile, 'result');
  if (!isSummary(summary)) throw new InputError(summaryFile, undefined, 'not the summary.json of one matchsim run (a sweep is exported point by point, from its runs/)');
  const type = (summary.scenario as { arrivals?: { type?: unknown } }).arrivals?.type;
  if (summary.scenario.population !== undefined) throw new InputError(summaryFile, 'scenario.population', "a population's arrivals are visits of its players, not a queue's tickets: it is not exported");
  const generated = type === 'poisson' || type === 'profile';
  if (!generated && replayed === undefined) {
    throw new InputError(summaryFile, 'scenario.arrivals', `a replayed run's arrivals are its files, which summary.json names relative to its scenario: give the scenario (--scenario FILE) to export them`);
  }
  const loaded = replayed === undefined ? resolveScenario(summaryFile, summary.scenario as unknown as Record<string, unknown>) : loadScenario(replayed.file, [], replayed.trust);
  // The scenario given must be the run's own (its files are read again, and must still be what the run replayed: the players.csv check below).
  if (replayed !== undefined && JSON.stringify(loaded.scenario) !== JSON.stringify(summary.scenario)) {
    throw new InputError(replayed.file, undefined, `is not the scenario of the run in ${summaryFile} (its resolved settings differ)`);
  }
  const source = arrivalSource(loaded);
  const idOf = idLookup(source.ids);
  const table = join(dir, 'players.csv');
  const { rows, lines } = readCsvRows(table, 'players table');
  const header = rows[0] ?? [];
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(table, `line ${lines[0] ?? 1}`, `no column ${name}: not a matchsim players.csv`);
    return i;
  };
  const [idAt, matchedAt, leftAt, roomAt] = [at('id'), at('matched_at'), at('left_at'), at('room')];
  const teamAt = header.indexOf('team');
  // A ticket the service gave up left exactly its timeout after its request (to players.csv's 1e-6): a player who gave up at that instant is taken for one.
  const timeout = (loaded.scenario.matcher as { flexmatch?: { requestTimeoutSeconds?: number } }).flexmatch?.requestTimeoutSeconds;
  const players: ExportedPlayer[] = [];
  const slot: ArrivalSlot = { time: 0, score: 0 };
  // A party's first player: its size on its row, 0 on the rest (ArrivalSlot.party).
  let leader = -1;
  const recordedKeys = loaded.trace?.parties?.keys;
  for (let i = 0; source.next(slot); i++) {
    if (slot.party !== 0) leader = (slot.party ?? 1) > 1 ? i : -1;
    const row = rows[i + 1];
    const id = idOf(i);
    if (row === undefined || row[idAt] !== id) throw new InputError(table, row === undefined ? undefined : `line ${lines[i + 1]}`, `is not the players.csv of the scenario in ${SUMMARY_FILE}: its player ${i + 1} is not ${id}`);
    const cell = (text: string) => (text === '' ? NaN : Number(text));
    const left = cell(row[leftAt]);
    players.push({
      id,
      time: slot.time,
      score: slot.score,
      attributes: slot.attributes === undefined ? undefined : Object.assign(Object.create(null) as object, slot.attributes),
      latency: slot.latency === undefined ? undefined : Float64Array.from(slot.latency),
      matchedAt: cell(row[matchedAt]),
      leftAt: left,
      ...(row[roomAt] !== '' ? { room: row[roomAt] } : {}),
      ...(teamAt >= 0 && row[teamAt] !== '' ? { team: row[teamAt] } : {}),
      ...(timeout !== undefined && Math.abs(left - (slot.time + timeout)) <= 1e-6 ? { timedOut: true } : {}),
      // A replayed party keeps its key (a FlexMatch ticket's id); a drawn one is named by its first player.
      party: leader < 0 ? undefined : (recordedKeys?.[leader] || idOf(leader)),
    });
  }
  if (rows.length - 1 !== players.length) throw new InputError(table, undefined, `holds ${rows.length - 1} players; the scenario in ${SUMMARY_FILE} brings ${players.length}`);
  const accepting = acceptanceOf(loaded.scenario.matcher);
  // A run with acceptance wrote its proposals beside its players: they are the acceptance events.
  const acceptance = accepting === undefined ? {} : { acceptance: { timeoutSeconds: accepting.timeoutSeconds, proposals: readProposals(dir, players.map((p) => p.id)) } };
  return { players, dataCentres: dataCentreNames(loaded.scenario.latency), roomSize: loaded.scenario.matcher.roomSize, ...acceptance };
}
