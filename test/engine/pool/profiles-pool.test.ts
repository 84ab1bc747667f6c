import { describe, expect, it } from 'vitest';
import { evaluate, ProfilesPool, type Proposal } from '../../../src/engine/pool/profiles-pool.js';
import { cappedWindow, linearWindow } from '../../../src/engine/pool/window.js';

interface Req {
  id: string;
  score: number;
  size?: number;
  attributes?: Record<string, string>;
}
const ids = (rooms: Req[][]) => rooms.map((r) => r.map((c) => c.id));

describe('ProfilesPool', () => {
  it('takes the best of overlapping proposals by quality, then the best that does not overlap', () => {
    const p = new ProfilesPool<Req>({ roomSize: 2, roundSeconds: 1, profiles: [{ name: 'all', window: linearWindow(100) }], waitWeight: 0 });
    for (const [id, score] of [['a', 100], ['b', 130], ['c', 135], ['d', 200]] as const) p.add({ id, score });
    p.match(0); // windows 0
    // Proposals (consecutive pairs): a-b spread 30, b-c 5, c-d 65. b-c is best; a-b and c-d overlap it.
    expect(ids(p.match(1))).toEqual([['b', 'c']]);
    expect(p.waiting().map((c) => c.id)).toEqual(['a', 'd']);
  });

  it("returns each match with the evaluator's measure of it, its quality", () => {
    const p = new ProfilesPool<Req>({ roomSize: 2, roundSeconds: 1, profiles: [{ name: 'all', window: linearWindow(100) }], waitWeight: 10 });
    for (const [id, score] of [['a', 100], ['b', 130], ['c', 135], ['d', 200]] as const) p.add({ id, score });
    p.matches(0);
    // At round 1 each has waited 1 s: quality 10 x 1 - spread, so b-c (spread 5) has 5; a-b and c-d overlap it, and a-d are not neighbours.
    expect(p.matches(1).map((m) => [m.tickets.map((t) => t.id), m.quality])).toEqual([[['b', 'c'], 5]]);
  });

  it('weighs waiting against spread: an old pair beats a tight new one', () => {
    const run = (waitWeight: number) => {
      const p = new ProfilesPool<Req>({ roomSize: 2, roundSeconds: 1, profiles: [{ name: 'all', window: linearWindow(10) }], waitWeight });
      p.add({ id: 'old1', score: 100 });
      p.add({ id: 'old2', score: 140 });
      for (let r = 0; r < 3; r++) expect(p.match(r)).toEqual([]); // 40 apart: windows reach 40 at round 4
      p.add({ id: 'new', score: 141 });
      expect(p.match(3)).toEqual([]); // new has a window of 0
      return ids(p.match(4));
    };
    // Round 4: old1-old2 spread 40, mean wait 4 s; old2-new spread 1, mean wait 2.5 s.
    // Waiting worth 10 points a second: 40 - 40 = 0 loses to 25 - 1 = 24.
    expect(run(10)).toEqual([['old2', 'new']]);
    // Worth 100: 400 - 40 = 360 beats 250 - 1 = 249.
    expect(run(100)).toEqual([['old1', 'old2']]);
  });

  it('lets each profile look only at the requests its filters select, with its own window', () => {
    const p = new ProfilesPool<Req>({
      roomSize: 2,
      roundSeconds: 1,
      profiles: [
        { name: 'eu', window: cappedWindow(1000, 5), filters: [{ attribute: 'region', equals: 'eu' }] },
        { name: 'any', window: linearWindow(1000) },
      ],
      waitWeight: 0,
    });
    p.add({ id: 'e1', score: 100, attributes: { region: 'eu' } });
    p.add({ id: 'n1', score: 101, attributes: { region: 'na' } });
    p.add({ id: 'e2', score: 103, attributes: { region: 'eu' } });
    p.add({ id: 'e3', score: 200, attributes: { region: 'eu' } });
    p.match(0);
    // any: e1-n1 (1), n1-e2 (2), e2-e3 (97); eu: e1-e2 (3). Best first: e1-n1, then e2-e3 is the only one left.
    expect(ids(p.match(1))).toEqual([['e1', 'n1'], ['e2', 'e3']]);
  });

  it('proposes runs of requests that bring exactly the room, parties whole', () => {
    const p = new ProfilesPool<Req>({ roomSize: 4, roundSeconds: 1, profiles: [{ name: 'all', window: linearWindow(1000) }], waitWeight: 0 });
    p.add({ id: 'trio', score: 10, size: 3 });
    p.add({ id: 'duo', score: 11, size: 2 });
    p.add({ id: 'solo', score: 12 });
    p.match(0);
    // trio + duo = 5: no; duo + solo = 3: no more requests; nothing fits.
    expect(p.match(1)).toEqual([]);
    p.add({ id: 'solo2', score: 13 });
    p.match(2);
    expect(ids(p.match(3))).toEqual([['duo', 'solo', 'solo2']]);
  });
});

describe('evaluate', () => {
  it('breaks ties in quality by profile, then by the earliest arrival', () => {
    const mk = (profile: number, firstSeq: number, members: string[]): Proposal<string> => ({ profile, firstSeq, members, quality: 1 });
    const taken = new Set<string>();
    const accepted = evaluate(
      [mk(1, 0, ['a', 'b']), mk(0, 5, ['b', 'c']), mk(0, 2, ['c', 'd']), mk(0, 9, ['e', 'f'])],
      (p) => p.members.some((m) => taken.has(m)),
      (p) => p.members.forEach((m) => taken.add(m)),
    );
    expect(accepted.map((p) => p.members.join(''))).toEqual(['cd', 'ef', 'ab']);
  });
});
