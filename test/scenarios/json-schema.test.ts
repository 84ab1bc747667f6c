import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, fieldsAt, scenarioJsonSchema } from '../../src/scenarios/json-schema.js';
import { cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

describe('the published JSON Schema', () => {
  it('is committed and in sync with the schema matchsim validates with (regenerate: matchsim schema > schema/scenario.schema.json)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(scenarioJsonSchema());
  });

  it('is what matchsim schema prints', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('describes the fields, with defaults, for editors', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, { description?: string; default?: unknown }> };
    expect(schema.properties.tick).toMatchObject({ default: 1, description: 'Seconds between worker rounds.' });
    expect(schema.properties.matcher.description).toBeTruthy();
  });

  it('is named by every bundled scenario', () => {
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.json'))) {
      expect(JSON.parse(readFileSync(join('scenarios', file), 'utf8')).$schema, file).toBe('../schema/scenario.schema.json');
    }
  });

  it('lists the fields allowed at a path, across union branches', () => {
    expect(fieldsAt(['matcher']).sort()).toEqual(['algorithm', 'clock', 'composition', 'evaluator', 'fillAfter', 'flexmatch', 'latency', 'module', 'options', 'pools', 'profiles', 'retry', 'roomSize', 'service', 'teams', 'window', 'windowGrowth']);
    expect(fieldsAt(['arrivals']).sort()).toEqual(['assignments', 'bursts', 'columns', 'events', 'fields', 'file', 'from', 'latencyPrefix', 'onBadLine', 'period', 'points', 'rate', 'requests', 'scale', 'score', 'speed', 'to', 'type']);
    expect(fieldsAt(['arrivals', 'bursts']).sort()).toEqual([]);
  });
});

describe('matchsim validate', () => {
  it('checks files without running them, listing every problem, exit 2 if any file is bad', async () => {
    const dir = writeFiles({
      'good.json': seedScenario,
      'bad.json': { ...seedScenario, duraton: 5, matcher: { algoritm: 'seed' }, arrivals: { type: 'poisson', rate: -1 } },
    });
    const r = await cli('validate', join(dir, 'good.json'), join(dir, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`ok  ${join(dir, 'good.json')}\n`);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad\.json: duraton: unknown field \(did you mean "duration"\?\)$/),
        expect.stringMatching(/bad\.json: matcher\.algoritm: unknown field \(did you mean "algorithm"\?\)$/),
        expect.stringMatching(/bad\.json: arrivals\.rate: .*> 0/),
      ]),
    );
    expect(lines).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'good.json']);
  });

  it('validates the bundled scenarios, sweeps expanded', async () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.json')).map((f) => join('scenarios', f));
    const r = await cli('validate', '--trust-scenario', ...files);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok {2}scenarios\/growth-sweep\.json \(a sweep of 5 points x 10 seeds\)/);
  });

  it('names the known fields when nothing is close', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, matcher: { zzzzzzzzz: 1 } } });
    const r = await cli('validate', join(dir, 's.json'));
    expect(r.stderr).toMatch(/matcher\.zzzzzzzzz: unknown field; expected one of algorithm, roomSize, window, windowGrowth, service, clock, latency, composition, fillAfter, module, options, teams, profiles, evaluator, flexmatch, retry, pools/);
  });
});
