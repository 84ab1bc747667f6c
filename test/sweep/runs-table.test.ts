import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { cli, writeFiles } from '../fixtures/helpers.js';

/** A sweep as an analyst finds it: parties, two algorithms, two seeds. */
async function sweepDir(): Promise<string> {
  const scenario = JSON.parse(readFileSync('scenarios/parties.json', 'utf8'));
  const dir = writeFiles({ 's.json': { ...scenario, duration: 240, drain: 30, sweep: { 'matcher.algorithm': ['anchor', 'retry'] }, replications: 2 } });
  const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--workers', '0');
  expect(r.code, r.stderr).toBe(0);
  return join(dir, 'out');
}

async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('a sweep read by DuckDB as it is', () => {
  it("reads every run's players as one table, with the swept field and the seed as columns (Hive partitions)", async () => {
    const out = await sweepDir();
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const rows = await query(`SELECT "matcher.algorithm" AS algorithm, seed, count(*) AS players FROM read_csv('${out}/points/**/players.csv', hive_partitioning = true) GROUP BY ALL ORDER BY ALL`);
    const expected = sweep.points.flatMap((p: { params: Record<string, string>; runs: Array<{ seed: number; dir: string }> }) =>
      p.runs.map((run) => ({ algorithm: p.params['matcher.algorithm'], seed: String(run.seed), players: String(JSON.parse(readFileSync(join(out, run.dir, 'summary.json'), 'utf8')).players.total) })),
    );
    expect(rows).toEqual(expected);
    // The directories are the partitions, in the sweep's order in sweep.json.
    expect(sweep.points.map((p: { dir: string }) => p.dir)).toEqual(['points/matcher.algorithm=anchor', 'points/matcher.algorithm=retry']);
  });

  it('reads runs.csv: a row per run, with its fields, seed, every figure and every breakdown group, parties against players alone with no join', async () => {
    const out = await sweepDir();
    const rows = await query(`SELECT "matcher.algorithm" AS algorithm, seed, "wait.p95" AS p95, "party_size.alone.wait_p95" AS alone, "party_size.party of 3.wait_p95" AS party3 FROM read_csv('${out}/runs.csv') ORDER BY point, seed`);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(rows.map((r) => [r.algorithm, r.seed])).toEqual(['anchor', 'retry'].flatMap((a) => sweep.seeds.map((seed: number) => [a, String(seed)])));
    const runs = sweep.points.flatMap((p: { runs: Array<{ dir: string }> }) => p.runs.map((run) => JSON.parse(readFileSync(join(out, run.dir, 'summary.json'), 'utf8'))));
    runs.forEach((summary: { wait: { p95: number }; breakdowns: { parties: Array<{ label: string; waitP95: number }> } }, i: number) => {
      expect(Number(rows[i].p95)).toBe(summary.wait.p95);
      expect(Number(rows[i].alone)).toBe(summary.breakdowns.parties.find((g) => g.label === 'alone')?.waitP95);
      expect(Number(rows[i].party3)).toBe(summary.breakdowns.parties.find((g) => g.label === 'party of 3')?.waitP95);
    });
  });
});
