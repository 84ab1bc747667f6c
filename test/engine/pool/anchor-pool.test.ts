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

interface Party {
  score: number;
  id: string;
  size?: number;
}
const partyIds = (rooms: Party[][]) => rooms.map((r) => r.map((c) => c.id));

describe('AnchorPool with parties', () => {
  it('passes over a party that would overfill the room for the next closest request', () => {
    const p = new AnchorPool<Party>({ roomSize: 4, window: linearWindow(100), roundSeconds: 1 });
    p.add({ score: 1000, id: 'anchor', size: 2 });
    p.match(0);
    p.add({ score: 1010, id: 'trio', size: 3 });
    p.add({ score: 1030, id: 'duo', size: 2 });
    p.add({ score: 1050, id: 'solo' });
    // The trio is closest but 2 + 3 > 4: the duo fills the room.
    expect(partyIds(p.match(1))).toEqual([['anchor', 'duo']]);
    expect(p.waiting().map((c) => c.id)).toEqual(['trio', 'solo']);
  });

  it('lets a party as large as the room form it alone', () => {
    const p = new AnchorPool<Party>({ roomSize: 3, window: linearWindow(0), roundSeconds: 1 });
    p.add({ score: 5, id: 'full', size: 3 });
    expect(partyIds(p.match(0))).toEqual([['full']]);
  });

  it('refuses a party larger than a room, or than a team', () => {
    expect(() => new AnchorPool<Party>({ roomSize: 3, window: linearWindow(1), roundSeconds: 1 }).add({ score: 1, id: 'x', size: 4 })).toThrow(/4 players cannot join a room of 3/);
    const teams = new AnchorPool<Party>({ roomSize: 4, window: linearWindow(1), roundSeconds: 1, teams: { shape: { count: 2, size: 2 }, balance: 'greedy' } });
    expect(() => teams.add({ score: 1, id: 'x', size: 3 })).toThrow(/3 players cannot join a team of 2/);
  });

  it('deals teams so that every party sits whole in one team', () => {
    const p = new AnchorPool<Party>({ roomSize: 6, window: linearWindow(1000), roundSeconds: 1, teams: { shape: { count: 2, size: 3 }, balance: 'greedy' } });
    p.add({ score: 1500, id: 'duo1', size: 2 });
    p.add({ score: 1490, id: 'duo2', size: 2 });
    p.add({ score: 1480, id: 'duo3', size: 2 }); // 2 + 2 + 2 cannot make two teams of 3
    p.add({ score: 1400, id: 'solo1' });
    p.add({ score: 1300, id: 'solo2' });
    p.match(0);
    const [room] = p.match(1);
    // duo1 anchors: duo2 fits, duo3 would leave no packing, so the two singles complete the room.
    expect(room.map((c) => c.id)).toEqual(['duo1', 'solo2', 'duo2', 'solo1']);
    expect(p.waiting().map((c) => c.id)).toEqual(['duo3']);
  });
});

describe('AnchorPool.matchOne (per-request retries)', () => {
  it('lets one request anchor a room with the window of the wait it is given', () => {
    const p = new AnchorPool<Party>({ roomSize: 3, window: linearWindow(10), roundSeconds: 1 });
    const me = { score: 100, id: 'me' };
    p.add(me);
    p.add({ score: 120, id: 'a' });
    p.add({ score: 75, id: 'b' });
    p.add({ score: 300, id: 'far' });
    expect(p.matchOne(me, 2)).toBeUndefined(); // window 20: only a
    expect(p.size).toBe(4);
    expect(p.matchOne(me, 3)?.map((c) => c.id)).toEqual(['me', 'a', 'b']);
    expect(p.waiting().map((c) => c.id)).toEqual(['far']);
    expect(p.matchOne(me, 100)).toBeUndefined(); // no longer waiting
  });
});
