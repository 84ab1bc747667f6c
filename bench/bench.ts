/**
 * npm run bench: the figures of issue 12, each a ratio measured in this one run (these machines vary
 * 2-3x in speed from hour to hour, so absolute seconds compare only within a run).
 *   (a) matchsim run --no-charts, whole process, on a 60 000-player trace at 1000 arrivals/s, against
 *       the seed's own Python pool (test/oracle/seed_pool.py) replaying the same trace file;
 *   (b) a full day at 50 arrivals/s, all outputs but charts, against the Python pool on that day's arrivals;
 *   (c) the simulation alone (no output), in players per second;
 *   (d) the time charts add to a run, for scenarios/seed.json and scenarios/growth-sweep.json;
 *   (e) an hour at 50 requests/s for each algorithm variant;
 *   (f) a population of 100 000 players over a simulated week, against an open stream of the same
 *       queue entries (the same rate, scores and matcher): the cost of a match in each.
 *   (g) a FlexMatch 5v5 rule set (scenarios/flexmatch-5v5.json) for an hour, the simulation alone in a
 *       fresh process, in players per CPU second, against the teams algorithm on the same players.
 * Processes are the shipped CLI (dist/bundle/matchsim.js); with /usr/bin/time, CPU seconds and peak memory
 * are read from it. Best of several runs where a run is short.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomStreams, exponential, standardNormal } from '../src/index.js';
import { runScenario } from '../src/run.js';
import { loadScenario } from '../src/scenarios/load.js';

/** One scenario's simulation alone (no files), its players and the CPU seconds it took in this process. */
function simulationCpu(file: string): { players: number; cpu: number } {
  const scenario = loadScenario(file);
  const before = process.cpuUsage();
  const players = runScenario(scenario, { players: () => {}, rooms: () => {}, ticks: () => {} }).players.total;
  const used = process.cpuUsage(before);
  return { players, cpu: (used.user + used.system) / 1e6 };
}

// (g)'s child: a fresh process, so that what the earlier figures left behind (a large heap, code made
// general by other scenarios) is not counted against the rule set.
if (process.argv[2] === '--simulation-cpu') {
  console.log(JSON.stringify(simulationCpu(process.argv[3] as string)));
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist/bundle/matchsim.js');
const oracle = join(root, 'test/oracle/seed_pool.py');
const work = mkdtempSync(join(tmpdir(), 'matchsim-bench-'));
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Timed {
  /** Wall seconds. */
  readonly wall: number;
  /** User + system CPU seconds, where /usr/bin/time is there to tell. */
  readonly cpu?: number;
  readonly rssMb?: number;
  readonly stdout: string;
}

function timed(command: string, args: string[]): Timed {
  const argv = hasTime ? ['-f', '@@%U %S %M', command, ...args] : args;
  const started = performance.now();
  const child = spawnSync(hasTime ? TIME : command, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr}`);
  const m = /@@([\d.]+) ([\d.]+) (\d+)/.exec(child.stderr);
  return m ? { wall, cpu: Number(m[1]) + Number(m[2]), rssMb: Number(m[3]) / 1024, stdout: child.stdout } : { wall, stdout: child.stdout };
}

/** The best of n runs, by wall time; the best CPU time separately. */
function best(n: number, run: () => Timed): Timed {
  return bestOf(Array.from({ length: n }, run));
}

/** The best of runs already made, by wall time; the best CPU time separately. */
function bestOf(all: readonly Timed[]): Timed {
  const byWall = all.reduce((a, b) => (b.wall < a.wall ? b : a));
  const cpus = all.map((t) => t.cpu).filter((c): c is number => c !== undefined);
  return { ...byWall, ...(cpus.length > 0 ? { cpu: Math.min(...cpus) } : {}) };
}

const s = (x: number) => `${x.toFixed(2)} s`;
const cpuOf = (t: Timed) => (t.cpu !== undefined ? `, ${s(t.cpu)} CPU` : '');
const memOf = (t: Timed) => (t.rssMb !== undefined ? `, peak ${Math.round(t.rssMb)} MB` : '');
const ratio = (slow: Timed, fast: Timed) =>
  `${(slow.wall / fast.wall).toFixed(1)}x by wall time${slow.cpu !== undefined && fast.cpu !== undefined ? `, ${(slow.cpu / fast.cpu).toFixed(1)}x by CPU` : ''}`;

function matchsim(...args: string[]): Timed {
  return timed(process.execPath, [cli, ...args]);
}

try {
  const bare = best(5, () => timed(process.execPath, ['-e', '0']));
  console.log(`node's bare start: ${s(bare.wall)}${cpuOf(bare)}\n`);

  // (a) A recorded trace, as a user would replay one: 60 000 players at 1000/s, scores normal(1500, 300).
  const random = new RandomStreams(2024);
  const gaps = random.stream('arrivals');
  const scores = random.stream('scores');
  const lines = ['time,id,score'];
  let t = 0;
  for (let i = 0; i < 60000; i++) {
    t += exponential(gaps, 1000);
    lines.push(`${t.toFixed(6)},u${i + 1},${Math.max(0, Math.round(1500 + 300 * standardNormal(scores)))}`);
  }
  writeFileSync(join(work, 'trace.csv'), lines.join('\n') + '\n');
  writeFileSync(join(work, 'trace.json'), JSON.stringify({ name: 'bench-trace', seed: 1, drain: 60, arrivals: { type: 'trace', file: 'trace.csv' }, matcher: { algorithm: 'seed' } }));
  const aPython = best(3, () => timed('python3', [oracle, join(work, 'trace.csv'), '60']));
  const aMatchsim = best(3, () => matchsim('run', join(work, 'trace.json'), '-o', join(work, 'a'), '--no-charts'));
  const aRooms = JSON.parse(readFileSync(join(work, 'a', 'summary.json'), 'utf8')).rooms as number;
  if (String(aRooms) !== aPython.stdout.trim()) throw new Error(`(a): matchsim formed ${aRooms} rooms, the Python pool ${aPython.stdout.trim()}`);
  console.log('(a) 60 000-player trace at 1000 arrivals/s, seed algorithm: matchsim run --no-charts (whole process) against the Python pool on the same file');
  console.log(`  Python ${s(aPython.wall)}${cpuOf(aPython)}; matchsim ${s(aMatchsim.wall)}${cpuOf(aMatchsim)}${memOf(aMatchsim)}; ${aRooms} rooms each`);
  console.log(`  matchsim is ${ratio(aPython, aMatchsim)} faster  (target: 15x, aim 20x)\n`);

  // (b) A full day at 50 arrivals/s, then the Python pool on that day's arrivals (taken from players.csv).
  const day = { name: 'bench-day', seed: 1, duration: 86400, drain: 600, arrivals: { type: 'poisson', rate: 50 }, scores: { type: 'normal', mean: 1500, sd: 300 } };
  writeFileSync(join(work, 'day.json'), JSON.stringify(day));
  const bMatchsim = matchsim('run', join(work, 'day.json'), '-o', join(work, 'b'), '--no-charts');
  const summary = JSON.parse(readFileSync(join(work, 'b', 'summary.json'), 'utf8')) as { players: { total: number }; rooms: number };
  const players = readFileSync(join(work, 'b', 'players.csv'), 'utf8').split('\n');
  const trace = ['time,id,score'];
  for (let i = 1; i < players.length; i++) {
    if (players[i] === '') continue;
    const [id, arrival, score] = players[i].split(',', 3);
    trace.push(`${arrival},${id},${score}`);
  }
  writeFileSync(join(work, 'day.csv'), trace.join('\n') + '\n');
  const bPython = timed('python3', [oracle, join(work, 'day.csv'), String(day.drain)]);
  console.log(`(b) a full day at 50 arrivals/s (${summary.players.total.toLocaleString('en-US')} players), all outputs but charts, against the Python pool on that day's arrivals`);
  console.log(`  Python ${s(bPython.wall)}${cpuOf(bPython)} (${bPython.stdout.trim()} rooms); matchsim ${s(bMatchsim.wall)}${cpuOf(bMatchsim)}${memOf(bMatchsim)} (${summary.rooms} rooms)`);
  console.log(`  matchsim takes ${(bMatchsim.wall / bPython.wall).toFixed(2)}x Python's wall time  (target: at most 4x, under 1024 MB)\n`);

  // (c) The simulation alone, in this process: an hour at 50/s with no output.
  writeFileSync(join(work, 'hour.json'), JSON.stringify({ ...day, name: 'bench-hour', duration: 3600, drain: 60 }));
  const loaded = loadScenario(join(work, 'hour.json'));
  let simPlayers = 0;
  let simBest = Infinity;
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    simPlayers = runScenario(loaded, { players: () => {}, rooms: () => {}, ticks: () => {} }).players.total;
    simBest = Math.min(simBest, (performance.now() - started) / 1000);
  }
  console.log('(c) the simulation alone (queue, pool, rooms, notifications, summary; no files): an hour at 50 arrivals/s');
  console.log(`  ${simPlayers.toLocaleString('en-US')} players in ${s(simBest)}: ${Math.round(simPlayers / simBest).toLocaleString('en-US')} players/s\n`);

  // (d) What charts cost.
  console.log('(d) the time charts add to a run');
  for (const [name, n] of [['seed', 3], ['growth-sweep', 1]] as const) {
    const file = join(root, 'scenarios', `${name}.json`);
    const without = best(n, () => matchsim('run', file, '-o', join(work, `d-${name}-0`), '--no-charts'));
    const withCharts = best(n, () => matchsim('run', file, '-o', join(work, `d-${name}-1`)));
    const charts = withCharts.wall - without.wall;
    console.log(`  ${name}.json: ${s(without.wall)} without charts, ${s(withCharts.wall)} with; charts take ${s(charts)}, ${(charts / without.wall).toFixed(2)}x the rest of the run`);
  }
  console.log('');

  // (e) The algorithm variants on the same hour of requests.
  const latencySection = JSON.parse(readFileSync(join(root, 'scenarios', 'global-launch.json'), 'utf8')).latency as object;
  const parties = { sizes: { '1': 50, '2': 25, '3': 12, '4': 8, '5': 5 } };
  const variants: Array<[string, object, object]> = [
    ['seed', { algorithm: 'seed' }, {}],
    ['anchor', { algorithm: 'anchor' }, {}],
    ['profiles (2 profiles)', { algorithm: 'profiles', profiles: [{ name: 'tight', window: { type: 'capped', growth: 50, cap: 100 } }, { name: 'any' }] }, {}],
    ['retry (delay 2 s)', { algorithm: 'retry' }, {}],
    ['anchor, rooms of 10, parties', { algorithm: 'anchor', roomSize: 10 }, { parties }],
    ['teams 5 x 5, parties', { algorithm: 'teams', roomSize: 10, teams: { count: 2, size: 5 } }, { parties }],
    // global-launch's data centres and cap: one pool per data centre, and each room placed.
    ['seed, 4 data centres, cap 60 ms relaxing to 250 ms', { algorithm: 'seed', latency: { max: 60, steps: [{ after: 10, max: 100 }, { after: 20, max: 150 }, { after: 30, max: 250 }] } }, { latency: latencySection }],
  ];
  console.log('(e) an hour at 50 requests/s for each algorithm, CSV and summary (no charts)');
  for (const [label, matcher, extra] of variants) {
    const file = join(work, 'variant.json');
    writeFileSync(file, JSON.stringify({ ...day, name: 'bench-variant', duration: 3600, drain: 60, matcher, ...extra }));
    const out = join(work, 'e');
    const m = matchsim('run', file, '-o', out, '--no-charts');
    const total = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).players.total as number;
    console.log(`  ${label}: ${total.toLocaleString('en-US')} players in ${s(m.wall)}${cpuOf(m)}: ${Math.round(total / m.wall).toLocaleString('en-US')} players/s${memOf(m)}`);
  }

  // (f) A closed population against an open stream of as many queue entries.
  console.log('\n(f) 100 000 players over a week (Elo, sessions of 45 min once a day, ~11-minute matches, rooms of 2), CSV and summary (no charts), against an open stream at the same rate of queue entries; best of two each, interleaved');
  const week = 7 * 86400;
  const matcher = { algorithm: 'seed', roomSize: 2, windowGrowth: 20 };
  const populationFile = join(work, 'population-week.json');
  writeFileSync(
    populationFile,
    JSON.stringify({
      name: 'bench-population',
      seed: 1,
      duration: week,
      population: {
        players: 100_000,
        skill: { type: 'normal', mean: 1500, sd: 300 },
        rating: { system: 'elo' },
        sessions: { perDay: 1, length: { type: 'exponential', mean: 2700 } },
        matchDuration: { type: 'lognormal', mu: 6.5, sigma: 0.3 },
      },
      matcher,
    }),
  );
  const fOut = join(work, 'f');
  const closedRuns = [matchsim('run', populationFile, '-o', fOut, '--no-charts')];
  const closedSummary = JSON.parse(readFileSync(join(fOut, 'summary.json'), 'utf8'));
  const visits = closedSummary.players.total as number;
  const openFile = join(work, 'open-week.json');
  writeFileSync(openFile, JSON.stringify({ name: 'bench-open', seed: 1, duration: week, arrivals: { type: 'poisson', rate: visits / week }, scores: { type: 'normal', mean: 1500, sd: 300 }, matcher }));
  const openRuns = [matchsim('run', openFile, '-o', fOut, '--no-charts')];
  // A second pair, interleaved: the ratio is of the best of two each, as these machines' speed drifts.
  closedRuns.push(matchsim('run', populationFile, '-o', fOut, '--no-charts'));
  openRuns.push(matchsim('run', openFile, '-o', fOut, '--no-charts'));
  const openSummary = JSON.parse(readFileSync(join(fOut, 'summary.json'), 'utf8'));
  const closed = bestOf(closedRuns);
  const open = bestOf(openRuns);
  const perMatch = (t: Timed, rooms: number) => ((t.cpu ?? t.wall) / rooms) * 1e6;
  const closedCost = perMatch(closed, closedSummary.rooms);
  const openCost = perMatch(open, openSummary.rooms);
  console.log(`  population: ${visits.toLocaleString('en-US')} queue entries, ${closedSummary.rooms.toLocaleString('en-US')} matches in ${s(closed.wall)}${cpuOf(closed)}${memOf(closed)}: ${closedCost.toFixed(1)} us ${closed.cpu !== undefined ? 'CPU' : 'wall'} a match`);
  console.log(`  open stream: ${openSummary.players.total.toLocaleString('en-US')} arrivals, ${openSummary.rooms.toLocaleString('en-US')} matches in ${s(open.wall)}${cpuOf(open)}${memOf(open)}: ${openCost.toFixed(1)} us a match`);
  console.log(`  a match costs ${(closedCost / openCost).toFixed(2)}x in the population  (target: 1x)`);

  // (g) A FlexMatch rule set of the examples' size (10 players a match, 3 rules), the simulation alone, against the teams algorithm on the same players.
  console.log('\n(g) scenarios/flexmatch-5v5.json for an hour (no sweep), the simulation alone in a fresh process (no files), CPU time, best of three each, interleaved');
  const fm = JSON.parse(readFileSync(join(root, 'scenarios', 'flexmatch-5v5.json'), 'utf8')) as Record<string, unknown>;
  delete fm.sweep;
  const ruleSet = readFileSync(join(root, 'scenarios', 'rulesets', 'five-v-five.json'), 'utf8');
  mkdirSync(join(work, 'rulesets'), { recursive: true });
  writeFileSync(join(work, 'rulesets', 'five-v-five.json'), ruleSet);
  writeFileSync(join(work, 'fm.json'), JSON.stringify({ ...fm, duration: 3600 }));
  writeFileSync(join(work, 'fm-teams.json'), JSON.stringify({ ...fm, duration: 3600, matcher: { algorithm: 'teams', roomSize: 10, teams: { count: 2, size: 5 } } }));
  const simCpu = (file: string): { players: number; cpu: number } => {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--simulation-cpu', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the simulation of ${file} failed:\n${child.stderr}`);
    return JSON.parse(child.stdout) as { players: number; cpu: number };
  };
  const flex: Array<{ players: number; cpu: number }> = [];
  const teams: Array<{ players: number; cpu: number }> = [];
  for (let r = 0; r < 3; r++) {
    flex.push(simCpu(join(work, 'fm.json')));
    teams.push(simCpu(join(work, 'fm-teams.json')));
  }
  const bestCpu = (runs: ReadonlyArray<{ players: number; cpu: number }>) => runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const f = bestCpu(flex);
  const tm = bestCpu(teams);
  console.log(`  flexmatch: ${f.players.toLocaleString('en-US')} players in ${s(f.cpu)} CPU: ${Math.round(f.players / f.cpu).toLocaleString('en-US')} players per CPU second  (target: 20 000)`);
  console.log(`  teams 5 x 5 on the same players: ${s(tm.cpu)} CPU; the rule set costs ${(f.cpu / tm.cpu).toFixed(1)}x the teams algorithm`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
