import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../src/reports/figure-catalogue.js';
import { isSummary } from '../../src/reports/figures.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenarios/load.js';

const NO_FILES = { players: () => {}, rooms: () => {}, ticks: () => {} };

describe('isSummary', () => {
  // Read back through JSON, as check, compare and merge read a summary.json.
  const written = JSON.parse(JSON.stringify(runScenario(loadScenario('scenarios/seed.json'), NO_FILES))) as Record<string, unknown>;

  it('takes a run summary without the optional figures its run did not have (a request timeout, acceptance, teams)', () => {
    const missing = FIGURES.filter((f) => f.optional === true && !hasPath(written, f.key)).map((f) => f.key);
    expect(missing).toEqual(expect.arrayContaining(['abandonment.timedOut', 'acceptance.acceptedShare', 'teams.gap.mean']));
    expect(isSummary(written)).toBe(true);
  });

  it('refuses one that lacks a figure every run has, or has a non-number where a figure is', () => {
    const wait = written.wait as Record<string, unknown>;
    expect(isSummary({ ...written, wait: { ...wait, p95: undefined } })).toBe(false);
    expect(isSummary({ ...written, wait: { ...wait, p95: '12' } })).toBe(false);
    expect(isSummary({ ...written, matchsim: { summaryVersion: 2 } })).toBe(false);
  });
});

function hasPath(data: unknown, path: string): boolean {
  let node = data;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}
