import { describe, expect, it } from 'vitest';
import { RunTally } from '../../src/engine/run-tally.js';

describe('RunTally', () => {
  it('folds arrivals, rooms, reads and leaving into the totals and per-player samples', () => {
    const tally = new RunTally(2);
    tally.arrived(0, 0, 1000, -1, -1);
    tally.arrived(1, 1, 1100, 0, -1);
    tally.arrived(2, 2, 1500, -1, -1);
    tally.arrived(2, 3, 1520, -1, -1);
    tally.arrived(3, 4, 900, -1, -1);
    tally.roomFormed(4, 0, [0, 1]);
    // Player 2 gave up and was withdrawn; player 3 gave up but stayed in the pool, and is matched later: a ghost.
    tally.left(5, 2, true, true);
    tally.left(6, 3, false, true);
    tally.roomFormed(8, 1, [3, 4]);
    for (let k = 0; k < 4; k++) tally.messageRead(4, k % 2);
    tally.notified(4, 0);
    tally.notified(4, 1);
    tally.messagesLost(2);
    tally.ticked(0, 0, 0, 0);
    tally.ticked(4, 1, 3, 1);
    const stats = tally.stats();
    expect(stats).toMatchObject({ players: 5, matched: 4, rooms: 2, messages: 4, playersNotified: 2, left: 2, cancelled: 1, ghostRooms: 1, ghostPlayers: 1, messagesLost: 2, ticks: 2 });
    // Player 2 is the one abandoned (withdrawn, never matched); nobody is still waiting.
    expect([stats.abandoned, stats.waiting]).toEqual([1, 0]);
    // A ghost's wait is not a wait: only players present when their room formed count.
    expect([...stats.waits]).toEqual([4, 3, 5]);
    expect([...stats.byPlayer.wait]).toEqual([4, 3, NaN, NaN, 5]);
    expect([...stats.spreads]).toEqual([100, 620]);
    expect([...stats.byPlayer.roomSpread]).toEqual([100, 100, NaN, 620, 620]);
    expect([...stats.byPlayer.waitedBeforeLeaving]).toEqual([NaN, NaN, 3, 4, NaN]);
    expect([...stats.byPlayer.pool]).toEqual([-1, 0, -1, -1, -1]);
    expect([...stats.byTick.pool]).toEqual([0, 3]);
    expect(stats.teamGaps).toHaveLength(0);
  });

  it('with teams, keeps the gap between team means and the favourite Elo win chance of every room', () => {
    const tally = new RunTally(4, { count: 2, size: 2, eloScale: 400 });
    [1600, 1400, 1200, 1000].forEach((score, i) => tally.arrived(0, i, score, -1, -1));
    tally.roomFormed(1, 0, [0, 1, 2, 3], [0, 0, 1, 1]);
    expect(tally.room.teamMeans).toEqual([1500, 1100]);
    const stats = tally.stats();
    expect([...stats.teamGaps]).toEqual([400]);
    expect(stats.favouriteWins[0]).toBeCloseTo(10 / 11, 12);
  });

  it("puts each member on the team its match's rosters say, wherever it is in the room", () => {
    const tally = new RunTally(4, { count: 2, size: 2, eloScale: 400 });
    [1600, 1400, 1200, 1000].forEach((score, i) => tally.arrived(0, i, score, -1, -1, undefined));
    tally.roomFormed(1, 0, [0, 1, 2, 3], [0, 1, 1, 0]);
    expect(tally.room.teamMeans).toEqual([1300, 1300]);
    expect(() => tally.roomFormed(2, 1, [0, 1, 2, 3], undefined)).toThrow('a room of teams formed without its rosters');
  });

  it('refuses teams that do not make a room', () => {
    expect(() => new RunTally(5, { count: 2, size: 2, eloScale: 400 })).toThrow(/teams of 2 x 2 do not make rooms of 5/);
  });
});
