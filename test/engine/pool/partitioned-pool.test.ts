import { describe, expect, it } from 'vitest';
import { matchesFilter, poolFor } from '../../../src/engine/pool/filters.js';
import { PartitionedPool, type AttributedCandidate } from '../../../src/engine/pool/partitioned-pool.js';
import { WindowScanPool } from '../../../src/engine/pool/window-scan-pool.js';
import { linearWindow } from '../../../src/engine/pool/window.js';

interface Req extends AttributedCandidate {
  id: string;
}

describe('filters', () => {
  it('string equals, numeric range, tag present', () => {
    const a = { region: 'eu', ping: 40, voice: true as const };
    expect(matchesFilter(a, { attribute: 'region', equals: 'eu' })).toBe(true);
    expect(matchesFilter(a, { attribute: 'region', equals: 'na' })).toBe(false);
    expect(matchesFilter(a, { attribute: 'ping', min: 0, max: 50 })).toBe(true);
    expect(matchesFilter(a, { attribute: 'ping', min: 41 })).toBe(false);
    expect(matchesFilter(a, { attribute: 'region', min: 0 })).toBe(false);
    expect(matchesFilter(a, { attribute: 'voice', present: true })).toBe(true);
    expect(matchesFilter(a, { attribute: 'mic', present: false })).toBe(true);
    expect(matchesFilter(undefined, { attribute: 'voice', present: true })).toBe(false);
  });

  it('a request goes to the first pool whose filters all hold', () => {
    const pools = [
      { name: 'eu-voice', filters: [{ attribute: 'region', equals: 'eu' }, { attribute: 'voice', present: true }] },
      { name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] },
    ];
    expect(poolFor(pools, { region: 'eu', voice: true })).toBe(0);
    expect(poolFor(pools, { region: 'eu' })).toBe(1);
    expect(poolFor(pools, { region: 'na' })).toBe(-1);
  });
});

describe('PartitionedPool', () => {
  const make = () =>
    new PartitionedPool<Req>(
      [
        { name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] },
        { name: 'na', filters: [{ attribute: 'region', equals: 'na' }] },
      ],
      () => new WindowScanPool<Req>({ roomSize: 3, window: linearWindow(50), roundSeconds: 1, order: 'score' }),
    );

  it('never matches across pools, and matches each pool in its own order', () => {
    const p = make();
    const add = (id: string, region: string, score: number) => p.add({ id, score, attributes: { region } });
    add('e1', 'eu', 100);
    add('n1', 'na', 100);
    add('e2', 'eu', 100);
    add('n2', 'na', 100);
    add('n3', 'na', 100);
    add('x1', 'asia', 100);
    expect(p.match(0).map((r) => r.map((c) => c.id))).toEqual([['n1', 'n2', 'n3']]);
    add('e3', 'eu', 100);
    expect(p.match(1).map((r) => r.map((c) => c.id))).toEqual([['e1', 'e2', 'e3']]);
    // The player in no pool waits, unmatched.
    expect(p.waiting().map((c) => c.id)).toEqual(['x1']);
    expect(p.size).toBe(1);
  });

  it('removes a request from whichever pool holds it', () => {
    const p = make();
    const x = { id: 'x', score: 1, attributes: { region: 'asia' } };
    const e = { id: 'e', score: 1, attributes: { region: 'eu' } };
    p.add(x);
    p.add(e);
    expect(p.remove(x)).toBe(true);
    expect(p.remove(e)).toBe(true);
    expect(p.remove(e)).toBe(false);
    expect(p.size).toBe(0);
  });
});
