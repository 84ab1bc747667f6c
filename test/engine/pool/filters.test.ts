import { describe, expect, it } from 'vitest';
import { compileFilter, compileFilters, matchesFilter, poolFor, poolRouter, type Attributes, type Filter } from '../../../src/engine/pool/filters.js';
import { PartitionedPool } from '../../../src/engine/pool/partitioned-pool.js';
import { AnchorPool } from '../../../src/engine/pool/anchor-pool.js';
import { linearWindow } from '../../../src/engine/pool/window.js';
import { FILTER_CASES } from './filter-cases.js';

/** Every way matchsim decides whether a request passes a filter, each given the table. */
const IMPLEMENTATIONS: ReadonlyArray<[string, (filter: Filter, attributes: Attributes | undefined) => boolean]> = [
  ['matchesFilter', (f, a) => matchesFilter(a, f)],
  ['compileFilter', (f, a) => compileFilter(f)(a)],
  ['compileFilters, with a filter that always holds', (f, a) => compileFilters([f, { attribute: 'no-such', present: false }])(a)],
  ['poolFor', (f, a) => poolFor([{ name: 'p', filters: [f] }], a) === 0],
  ['poolRouter', (f, a) => poolRouter([{ name: 'none', filters: [{ attribute: 'no-such', present: true }] }, { name: 'p', filters: [f] }])(a) === 1],
  [
    'PartitionedPool, routing a request',
    (f, a) => {
      const pool = new PartitionedPool<{ score: number; attributes?: Attributes }>([{ name: 'p', filters: [f] }], () => new AnchorPool({ roomSize: 2, window: linearWindow(0), roundSeconds: 1 }));
      return pool.poolOf({ score: 1, ...(a === undefined ? {} : { attributes: a }) }) === 0;
    },
  ],
];

describe('the filter cases', () => {
  for (const [implementation, passes] of IMPLEMENTATIONS) {
    it.each(FILTER_CASES)(`${implementation}: $name`, ({ filter, attributes, passes: expected }) => {
      expect(passes(filter, attributes)).toBe(expected);
    });
  }

  it('route a request its caller already routed as it was routed (its pool, found once)', () => {
    const pool = new PartitionedPool<{ score: number; attributes?: Attributes; pool?: number }>(
      [{ name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] }, { name: 'rest', filters: [] }],
      () => new AnchorPool({ roomSize: 2, window: linearWindow(0), roundSeconds: 1 }),
    );
    expect(pool.poolOf({ score: 1, attributes: { region: 'eu' } })).toBe(0);
    expect(pool.poolOf({ score: 1, attributes: { region: 'eu' }, pool: 1 })).toBe(1);
  });
});
