/**
 * npm run bench: throughput figures for the two reference workloads.
 *   (a) a 60 000-player Poisson trace at 1000 arrivals/s, seed algorithm;
 *   (b) a full day at 50 arrivals/s (about 4.3 million players), all outputs written;
 *   (c) an hour at 50 requests/s for each algorithm variant (CSV and summary, no charts),
 *       the team and party variants with 5 x 5 rooms and parties of 1 to 5.
 * Each is run as the CLI runs, in a child process, so start-up, loading and
 * writing count; peak memory is the child's, worker threads included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomStreams, exponential, standardNormal } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'matchsim-bench-'));

interface Measured {
  seconds: number;
  maxRssMb: number;
}

function measure(scenarioFile: string, out: string, extra: string[] = []): Measured {
  const child = spawnSync(process.execPath, [join(here, 'measure-run.js'), 'run', scenarioFile, '-o', out, ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.status !== 0) throw new Error(`matchsim run ${scenarioFile} failed:\n${child.stderr}`);
  return JSON.parse(child.stderr.trim().split('\n').pop() as string) as Measured;
}

function report(label: string, players: number, m: Measured, target?: string): void {
  const rate = Math.round(players / m.seconds).toLocaleString('en-US');
  console.log(
    `${label}\n  ${players.toLocaleString('en-US')} players in ${m.seconds.toFixed(2)} s: ${rate} players/s, peak memory ${Math.round(m.maxRssMb)} MB${target ? `  (target: ${target})` : ''}`,
  );
}

try {
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
  writeFileSync(
    join(work, 'trace.json'),
    JSON.stringify({ name: 'bench-trace', seed: 1, drain: 60, arrivals: { type: 'trace', file: 'trace.csv' }, matcher: { algorithm: 'seed' } }),
  );
  const a = measure(join(work, 'trace.json'), join(work, 'a'));
  report('(a) 60 000-player Poisson trace at 1000 arrivals/s, seed algorithm, all outputs', 60000, a, "the seed's Python pool alone: ~3.7 s");

  // (b) A full day at 50 arrivals/s.
  writeFileSync(
    join(work, 'day.json'),
    JSON.stringify({
      name: 'bench-day',
      seed: 1,
      duration: 86400,
      drain: 120,
      arrivals: { type: 'poisson', rate: 50 },
      scores: { type: 'normal', mean: 1500, sd: 300 },
    }),
  );
  const b = measure(join(work, 'day.json'), join(work, 'b'));
  const dayPlayers = JSON.parse(readFileSync(join(work, 'b', 'summary.json'), 'utf8')).players.total as number;
  report('(b) a full day at 50 arrivals/s, all outputs written', dayPlayers, b, 'under 15 s and 2048 MB');

  // (c) The algorithm variants on the same hour of requests.
  const parties = { sizes: { '1': 50, '2': 25, '3': 12, '4': 8, '5': 5 } };
  const variants: Array<[string, object, object]> = [
    ['seed', { algorithm: 'seed' }, {}],
    ['anchor', { algorithm: 'anchor' }, {}],
    ['profiles (2 profiles)', { algorithm: 'profiles', profiles: [{ name: 'tight', window: { type: 'capped', growth: 50, cap: 100 } }, { name: 'any' }] }, {}],
    ['retry (delay 2 s)', { algorithm: 'retry' }, {}],
    ['anchor, rooms of 10, parties', { algorithm: 'anchor', roomSize: 10 }, { parties }],
    ['teams 5 x 5, parties', { algorithm: 'teams', roomSize: 10, teams: { count: 2, size: 5 } }, { parties }],
  ];
  for (const [label, matcher, extra] of variants) {
    const file = join(work, 'variant.json');
    const scenario = { name: 'bench-variant', seed: 1, duration: 3600, drain: 60, arrivals: { type: 'poisson', rate: 50 }, scores: { type: 'normal', mean: 1500, sd: 300 }, matcher, ...extra };
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(work, 'c');
    const m = measure(file, out, ['--no-charts']);
    const players = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).players.total as number;
    report(`(c) ${label}: an hour at 50 requests/s`, players, m);
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
