import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/helpers.js';

/**
 * The package as a user gets it: packed, installed into an empty project from
 * the tarball (dependencies from the local npm cache where it has them), and
 * used from there, not from this checkout.
 */
describe('the packed package, installed in a fresh project', () => {
  const project = tempDir();
  const packs = tempDir();
  // dist is built by the global setup; packing without scripts leaves it alone while other tests run it.
  const tarball = join(packs, JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], { encoding: 'utf8' }))[0].filename as string);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-matchsim', version: '1.0.0', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn', tarball], { cwd: project, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  const installed = join(project, 'node_modules', 'matchsim');
  const bin = join(project, 'node_modules', '.bin', 'matchsim');
  const matchsim = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: 'utf8' });

  it('ships what the README uses, and nothing it cannot explain (no bench, no source maps without sources)', () => {
    for (const path of ['LICENSE', 'README.md', 'docs/cli.md', 'docs/matchsim-check.workflow.yml', 'schema/scenario.schema.json', 'examples/fifo-matcher.mjs', 'scenarios/seed.json', 'dist/bundle/matchsim.js', 'dist/src/index.d.ts']) {
      expect(existsSync(join(installed, path)), path).toBe(true);
    }
    expect(existsSync(join(installed, 'dist', 'bench'))).toBe(false);
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    expect(files(join(installed, 'dist')).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('runs a bundled scenario with the installed matchsim, and the module example with --trust-scenario', () => {
    const seed = matchsim('run', join(installed, 'scenarios', 'seed.json'), '-o', 'seed-out', '--no-charts');
    expect(seed.status, seed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'seed-out', 'summary.json'), 'utf8')).rooms).toBeGreaterThan(100);
    const fifo = matchsim('run', join(installed, 'scenarios', 'fifo-module.json'), '-o', 'fifo-out', '--no-charts', '--trust-scenario');
    expect(fifo.status, fifo.stderr).toBe(0);
    const charts = matchsim('run', join(installed, 'scenarios', 'seed.json'), '-o', 'charts-out');
    expect(charts.status, charts.stderr).toBe(0);
    expect(readdirSync(join(project, 'charts-out', 'charts')).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(3);
  });

  it('installs without a warning (no install script of its own), and without its optional packages (DuckDB, openskill), which a run that needs one names in one line', () => {
    expect(install.stderr).not.toMatch(/install-scripts|prepare/);
    for (const optional of ['@duckdb/node-api', 'openskill']) expect(existsSync(join(project, 'node_modules', optional)), optional).toBe(false);
    const parquet = matchsim('run', join(installed, 'scenarios', 'seed.json'), '-o', 'pq-out', '--no-charts', '--tables', 'parquet');
    expect(parquet.status).toBe(4);
    expect(parquet.stderr).toBe('matchsim: --tables parquet needs the optional package @duckdb/node-api, which is not installed: npm install @duckdb/node-api\n');
    const weng = matchsim('run', join(installed, 'scenarios', 'season-ladder.json'), '-o', 'os-out', '--no-charts', '--unset', 'sweep', '--set', 'population.rating={"system":"openskill"}', '--set', 'duration=600');
    expect(weng.status, weng.stderr).toBe(4);
    expect(weng.stderr).toMatch(/^matchsim: population\.rating\.system openskill needs the optional package openskill, which is not installed: npm install openskill\n$/);
    expect(existsSync(join(project, 'pq-out'))).toBe(false);
  });

  it("init writes a starter whose $schema is the installed package's schema, and it runs", () => {
    const made = matchsim('init', 'starter', '--template', 'sweep');
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'starter.json'), 'utf8')).$schema).toBe('./node_modules/matchsim/schema/scenario.schema.json');
    const run = matchsim('run', 'starter.json', '-o', 'starter-out', '--no-charts', '--replications', '1', '--runs', 'summary');
    expect(run.status, run.stderr).toBe(0);
  });

  it("every bundled scenario's $schema points at the shipped schema", () => {
    for (const file of readdirSync(join(installed, 'scenarios')).filter((f) => f.endsWith('.json'))) {
      const { $schema } = JSON.parse(readFileSync(join(installed, 'scenarios', file), 'utf8')) as { $schema?: string };
      expect($schema, file).toBeDefined();
      expect(existsSync(resolve(dirname(join(installed, 'scenarios', file)), $schema as string)), file).toBe(true);
    }
  });

  it('is a library too: ESM, with types', () => {
    writeFileSync(join(project, 'use.mjs'), "import { loadScenario, runScenarioInMemory } from 'matchsim';\nconst rows = runScenarioInMemory(loadScenario(process.argv[2]));\nconsole.log(rows.summary.rooms, rows.rooms.length);\n");
    const r = spawnSync(process.execPath, ['use.mjs', join(installed, 'scenarios', 'seed.json')], { cwd: project, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [rooms, rows] = r.stdout.trim().split(' ').map(Number);
    expect(rooms).toBeGreaterThan(100);
    expect(rows).toBe(rooms);
  });

  it("its type declarations check in a project without @types/node (every declaration reachable from the package's types)", () => {
    writeFileSync(
      join(project, 'use.ts'),
      "import * as matchsim from 'matchsim';\nimport { loadScenario, runScenarioInMemory, WindowScanPool, linearWindow } from 'matchsim';\nconst rows = runScenarioInMemory(loadScenario('x.json'));\nexport const rooms: number = rows.summary.rooms;\nexport const pool = new WindowScanPool<{ score: number; uuid: string }>({ roomSize: 3, window: linearWindow(50), roundSeconds: 1, order: 'score' });\nexport const all = Object.keys(matchsim);\n",
    );
    // "types": [] keeps any @types package out, and skipLibCheck false checks the package's own .d.ts files.
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [], skipLibCheck: false }, files: ['use.ts'] }));
    const tsc = spawnSync(process.execPath, [join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  });
});
