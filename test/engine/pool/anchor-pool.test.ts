import { describe, expect, it } from 'vitest';
import { AnchorPool } from '../../../src/engine/pool/anchor-pool.js';
import { linearWindow } from '../../../src/engine/pool/window.js';

interface Req {
  score: number;
  id: string;
}
const pool = () => new AnchorPool<Req>({ roomSize: 3, window: linearWindow(50), roundSeconds: 1 });
const ids = (rooms: Req[][]) => rooms.map((r) => r.map((c) => c.id));

describe('AnchorPool', () => {
  it('lets the longest-waiting player take the closest scores in its own window', () => {
    const p = pool();
    p.add({ score: 1000, id: 'old' });
    p.match(0);
    p.match(1); // old has waited 2 rounds: window 100
    for (const [id, score] of [['a', 1090], ['b', 1020], ['c', 1040], ['d', 1200]] as const) p.add({ score, id });
    // The newcomers' windows are 0: in the seed's pairwise rule nobody could match yet.
    expect(ids(p.match(2))).toEqual([['old', 'b', 'c']]);
    expect(p.waiting().map((c) => c.id)).toEqual(['a', 'd']);
  });

  it('prefers the longer-waiting player between two equally close ones', () => {
    const p = new AnchorPool<Req>({ roomSize: 2, window: linearWindow(10), roundSeconds: 1 });
    p.add({ score: 500, id: 'anchor' });
    p.add({ score: 480, id: 'early' });
    p.match(0); // windows 0
    p.add({ score: 520, id: 'late' });
    p.match(1); // anchor's window 10: both 20 away
    // Round 2: the anchor (window 20) has early and late equally close; early has waited longer.
    expect(ids(p.match(2))).toEqual([['anchor', 'early']]);
  });

  it('waits when its window does not hold enough players', () => {
    const p = pool();
    p.add({ score: 0, id: 'x' });
    p.add({ score: 1000, id: 'y' });
    p.add({ score: 2000, id: 'z' });
    expect(p.match(0)).toEqual([]);
    expect(p.size).toBe(3);
  });
});
