import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeFiles } from '../fixtures/helpers.js';

async function withDuckDB<T>(body: (run: (sql: string) => Promise<{ columns: string[]; types: string[]; rows: unknown[][] }>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await body(async (sql) => {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), types: reader.columnTypes().map((t) => t.toString()), rows: reader.getRowsJson() as unknown[][] };
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Bundled scenarios that between them write every kind of large table and column: teams, parties, pools, abandonment, a population, data centres. */
const SCENARIOS: Array<[string, string[]]> = [
  ['seed', []],
  ['teams-5v5', ['--unset', 'sweep', '--unset', 'replications', '--set', 'duration=300']],
  ['parties', ['--unset', 'sweep', '--unset', 'replications', '--unset', 'matcher.profiles', '--unset', 'matcher.retry', '--set', 'matcher.algorithm=teams', '--set', 'duration=300']],
  ['regions', ['--set', 'duration=300']],
  ['night-patience', ['--set', 'duration=1200']],
  ['small-night', ['--set', 'duration=3600']],
  ['latency-trace', []],
];

describe('--tables parquet', () => {
  it('writes each large table as Parquet with typed columns, which DuckDB reads back as exactly the rows and values of the CSV', async () => {
    await withDuckDB(async (sql) => {
      for (const [name, args] of SCENARIOS) {
        const out = join(tempDir(), name);
        const r = await cli('run', join('scenarios', `${name}.json`), '-o', out, '--no-charts', '--tables', 'csv,parquet', ...args);
        expect(r.code, `${name}: ${r.stderr}`).toBe(0);
        const tables = readdirSync(out).filter((f) => f.endsWith('.csv') && f !== 'breakdown.csv');
        expect(tables.length, name).toBeGreaterThanOrEqual(3);
        for (const table of tables) {
          const what = `${name}/${table}`;
          const csv = parse(readFileSync(join(out, table), 'utf8'), { relax_column_count: false }) as string[][];
          const parquet = await sql(`SELECT * FROM read_parquet('${join(out, table.replace(/\.csv$/, '.parquet'))}')`);
          expect(parquet.columns, what).toEqual(csv[0]);
          expect(parquet.rows.length, what).toBe(csv.length - 1);
          // Typed: ids and lists are text, times and scores doubles, counts integers; never all text.
          expect(parquet.types.some((t) => t === 'DOUBLE' || t === 'BIGINT'), what).toBe(true);
          parquet.rows.forEach((row, i) => {
            row.forEach((value, j) => {
              const cell = csv[i + 1][j];
              const type = parquet.types[j];
              if (cell === '') expect(value, `${what} row ${i + 1} ${csv[0][j]}`).toBeNull();
              else if (type === 'DOUBLE') expect(value, `${what} row ${i + 1} ${csv[0][j]}`).toBe(Number(cell));
              else expect(String(value), `${what} row ${i + 1} ${csv[0][j]}`).toBe(cell);
            });
          });
        }
      }
    });
  }, 120_000);

  it("writes a trace's string lists and maps as the JSON text of the CSV, which DuckDB turns into its own lists and maps", async () => {
    const dir = writeFiles({
      's.json': { name: 'lists', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv', columns: { roles: 'string-list', skill: 'number-map' } }, matcher: { algorithm: 'anchor', roomSize: 2 } },
      't.csv': 'time,id,score,roles,skill\n0,a,1000,"[""tank"",""damage""]","{""ctf"":1500,""koth"":-2.5}"\n0,b,1000,[],{}\n1,c,1000,,\n',
    });
    const out = join(tempDir(), 'lists');
    const r = await cli('run', join(dir, 's.json'), '-o', out, '--no-charts', '--tables', 'parquet');
    expect(r.code, r.stderr).toBe(0);
    await withDuckDB(async (sql) => {
      const players = await sql(`SELECT attr_roles::JSON::VARCHAR[] AS roles, attr_skill::JSON::MAP(VARCHAR, DOUBLE) AS skill FROM read_parquet('${join(out, 'players.parquet')}') ORDER BY id`);
      expect(players.types).toEqual(['VARCHAR[]', 'MAP(VARCHAR, DOUBLE)']);
      expect(players.rows).toEqual([
        [['tank', 'damage'], [{ key: 'ctf', value: 1500 }, { key: 'koth', value: -2.5 }]],
        [[], []],
        [null, null],
      ]);
    });
  }, 60_000);

  it('alone, leaves no CSV of the large tables; a bad format is refused in one line', async () => {
    const out = join(tempDir(), 'p');
    expect((await cli('run', 'scenarios/seed.json', '-o', out, '--no-charts', '--tables', 'parquet')).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.csv') || f.endsWith('.parquet')).sort()).toEqual(['breakdown.csv', 'players.parquet', 'rooms.parquet', 'timeline.parquet']);
    const bad = await cli('run', 'scenarios/seed.json', '--tables', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tables.*expected csv, parquet or csv,parquet/);
  });
});
