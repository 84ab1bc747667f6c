import { describe, expect, it } from 'vitest';
import { AnchorPool } from '../../../src/engine/pool/anchor-pool.js';
import { fillsBackfill, type BackfillPriority } from '../../../src/engine/pool/backfill.js';
import { roundMatches } from '../../../src/engine/pool/match.js';
import { linearWindow } from '../../../src/engine/pool/window.js';

interface Req {
  score: number;
  id: string;
  size?: number;
  roles?: number[];
}
const pool = (roomSize = 3) => new AnchorPool<Req>({ roomSize, window: linearWindow(10), roundSeconds: 1 });
const request = (match: string, score: number, open: number, priority: BackfillPriority = 'normal', roles?: string[]) => ({ match, score, open, requestedAt: 0, priority, ...(roles ? { roles } : {}) });
const summary = (p: AnchorPool<Req>, now: number) => roundMatches(p, now).map((m) => ({ ...(m.backfill !== undefined ? { backfill: m.backfill } : {}), ids: m.tickets.map((t) => t.id) }));

describe('AnchorPool backfill', () => {
  it('fills a running match from the closest players inside the request\'s own window, which widens with its age', () => {
    const p = pool();
    expect(fillsBackfill(p)).toBe(true);
    p.add({ score: 1030, id: 'far' });
    p.add({ score: 985, id: 'near' });
    p.addBackfill(request('m1', 1000, 1));
    // Round 0: the request's window is 0, nobody is at 1000.
    expect(summary(p, 0)).toEqual([]);
    // Round 1: window 10: near (15 away) is out of reach; round 2: window 20, near joins.
    expect(summary(p, 1)).toEqual([]);
    expect(summary(p, 2)).toEqual([{ backfill: 'm1', ids: ['near'] }]);
    expect(p.backfills).toBe(0);
    expect(p.waiting().map((r) => r.id)).toEqual(['far']);
  });

  it('fills what it can: a request of two places takes the one player in reach and is done', () => {
    const p = pool();
    p.add({ score: 1000, id: 'a' });
    p.addBackfill(request('m1', 1000, 2));
    expect(summary(p, 0)).toEqual([{ backfill: 'm1', ids: ['a'] }]);
    expect(p.backfills).toBe(0);
  });

  it('takes players alone only: a party is passed over for the next closest', () => {
    const p = pool(4);
    p.add({ score: 1000, id: 'party', size: 2 });
    p.add({ score: 1005, id: 'solo' });
    p.addBackfill(request('m1', 1000, 2));
    p.match(0);
    // round 1: window 10, both in reach; the party is not split across a match's open places.
    p.addBackfill(request('m2', 1000, 2));
    const round = roundMatches(p, 1);
    expect(round.filter((m) => m.backfill !== undefined).map((m) => m.tickets.map((t) => t.id))).toEqual([['solo']]);
  });

  it('orders requests against new matches by priority: high first, normal by age among the anchors, low last', () => {
    const setUp = (priority: BackfillPriority) => {
      const p = pool(2);
      // Two players who would make a new room of two, and a running match at the same score asking for one.
      p.add({ score: 1000, id: 'x' });
      p.match(0);
      p.add({ score: 1000, id: 'y' });
      p.addBackfill({ match: 'm', score: 1000, open: 1, requestedAt: 1, priority });
      return summary(p, 1);
    };
    // high: the request takes the closest (x, older on a tie) first; y is left alone.
    expect(setUp('high')).toEqual([{ backfill: 'm', ids: ['x'] }]);
    // normal: x has waited longer than the request: its room forms first, and the request finds nobody.
    expect(setUp('normal')).toEqual([{ ids: ['x', 'y'] }]);
    expect(setUp('low')).toEqual([{ ids: ['x', 'y'] }]);
  });

  it('a normal request older than the anchors goes first', () => {
    const p = pool(2);
    p.addBackfill({ match: 'm', score: 1000, open: 1, requestedAt: 0, priority: 'normal' });
    p.match(0);
    p.add({ score: 1000, id: 'x' });
    p.add({ score: 1000, id: 'y' });
    expect(summary(p, 1)).toEqual([{ backfill: 'm', ids: ['x'] }]);
  });

  it('with role queues, a player joins only in the role of an open place', () => {
    const p = new AnchorPool<Req>({ roomSize: 3, window: linearWindow(100), roundSeconds: 1, roles: { slots: [1, 1, 1], names: ['tank', 'damage', 'support'], rolesOf: (r) => r.roles ?? [] } });
    p.add({ score: 1000, id: 'dps', roles: [1] });
    p.add({ score: 1010, id: 'flex', roles: [1, 2] });
    p.add({ score: 1020, id: 'tank', roles: [0] });
    // The match lost its support: the damage player nearest is passed over, the one who also plays support joins as support.
    p.addBackfill(request('m', 1000, 1, 'normal', ['support']));
    expect(summary(p, 0)).toEqual([]); // windows 0
    // Round 1: the three could make a room (tank, damage, support), but the request is as old as they are and goes first.
    const [fill, ...others] = roundMatches(p, 1);
    expect(others).toEqual([]);
    expect(fill).toEqual({ tickets: [expect.objectContaining({ id: 'flex' })], backfill: 'm', roles: ['support'] });
    // A place for a role no room has, or a role for each of fewer places than open, is refused.
    expect(() => p.addBackfill(request('m', 1000, 1, 'normal', ['healer']))).toThrow(/role "healer", which no room of this pool has/);
    expect(() => p.addBackfill(request('m', 1000, 2, 'normal', ['support']))).toThrow(/one role per open place/);
  });

  it('keeps one request per match: a new one replaces it, and a removed one is gone', () => {
    const p = pool();
    p.addBackfill(request('m', 1000, 1));
    p.addBackfill(request('m', 2000, 1));
    expect(p.backfills).toBe(1);
    p.add({ score: 2000, id: 'a' });
    expect(summary(p, 0)).toEqual([{ backfill: 'm', ids: ['a'] }]);
    p.addBackfill(request('m', 1000, 1));
    expect(p.removeBackfill('m')).toBe(true);
    expect(p.removeBackfill('m')).toBe(false);
    expect(() => p.addBackfill(request('m', 1000, 0))).toThrow(/at least one place/);
  });

  it('leaves rounds without requests exactly as before', () => {
    const a = pool();
    const b = pool();
    const players = [1000, 1040, 1010, 990, 1300, 1005, 1020].map((score, i) => ({ score, id: `p${i}` }));
    for (const r of players) {
      a.add(r);
      b.add({ ...r });
    }
    b.addBackfill(request('m', 5000, 1));
    for (let t = 0; t < 5; t++) expect(summary(b, t)).toEqual(summary(a, t));
  });
});
