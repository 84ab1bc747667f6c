import { describe, expect, it } from 'vitest';
import { runScenarioInMemory, type CsvRecord } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';

const num = (c: CsvRecord[string]) => c as number;
// A thin population with slow windows, so that patience matters.
const night = (cancel: boolean) =>
  runScenarioInMemory(
    resolveScenario('night.json', {
      name: 'night',
      seed: 4,
      duration: 1800,
      drain: 120,
      arrivals: { type: 'poisson', rate: 0.3 },
      scores: { type: 'normal', mean: 1500, sd: 400 },
      matcher: { windowGrowth: 10 },
      abandonment: { patience: { type: 'constant', value: 30 }, cancel },
    }),
  );

describe('abandonment', () => {
  it('with cancel, withdraws the requests of players who give up: they are in no room', () => {
    const { summary, players, rooms } = night(true);
    const left = players.filter((p) => p.left_at !== null);
    expect(left.length).toBeGreaterThan(20);
    expect(summary.abandonment.left).toBe(left.length);
    expect(summary.abandonment.cancelled).toBe(left.length);
    expect(summary.abandonment.ghostRooms).toBe(0);
    const inRooms = new Set(rooms.flatMap((r) => (r.players as string).split(' ')));
    for (const p of left) {
      expect(inRooms.has(p.id as string)).toBe(false);
      expect(p.room).toBeNull();
      // They left when their patience ran out.
      expect(num(p.left_at) - num(p.arrival)).toBeCloseTo(30, 5);
    }
    // Everybody matched was still there, within their patience.
    expect(summary.wait.max!).toBeLessThanOrEqual(30);
    expect(summary.players.total).toBe(summary.players.matched + summary.players.waiting + summary.players.abandoned);
    expect(summary.players.abandoned).toBe(left.length);
    expect(summary.abandonment.rate).toBeCloseTo(left.length / players.length, 6);
  });

  it('without cancel (the seed), leaves the requests in the pool: some are matched into ghost rooms', () => {
    const { summary, players, rooms } = night(false);
    expect(summary.abandonment.cancelled).toBe(0);
    expect(summary.abandonment.ghostRooms).toBeGreaterThan(0);
    const ghosts = players.filter((p) => p.left_at !== null && p.room !== null);
    expect(ghosts).toHaveLength(summary.abandonment.ghostPlayers);
    for (const g of ghosts) {
      expect(num(g.left_at)).toBeLessThan(num(g.matched_at));
      expect(g.notified_at).toBeNull();
    }
    const ghostRooms = new Set(ghosts.map((g) => g.room));
    expect(ghostRooms.size).toBe(summary.abandonment.ghostRooms);
    expect(rooms.filter((r) => ghostRooms.has(r.room)).length).toBe(ghostRooms.size);
    // Their create_player events went to closed connections, counted, not dropped silently.
    expect(summary.abandonment.messagesLost).toBe(ghosts.length * 3);
    expect(summary.notifications.playersNotified).toBe(summary.players.matched - ghosts.length);
    // Present members receive every event of their room; a ghost's arrive at its closed connection.
    expect(summary.notifications.messages).toBe((summary.players.matched - ghosts.length) * 3);
    expect(summary.notifications.messages + summary.abandonment.messagesLost).toBe(summary.players.matched * 3);
    // Waits are of players still present when their room formed.
    expect(summary.wait.max!).toBeLessThanOrEqual(30);
    expect(summary.players.total).toBe(summary.players.matched + summary.players.waiting + summary.players.abandoned);
    // Breakdown: who stayed, who gave up (after how long), and the ghosts' rooms.
    const [stayed, gaveUp] = summary.breakdowns.abandonment;
    expect(stayed).toMatchObject({ label: 'stayed', players: players.length - summary.abandonment.left, matched: summary.players.matched - ghosts.length });
    expect(gaveUp).toMatchObject({ label: 'gave up', players: summary.abandonment.left, matched: ghosts.length, waitP50: 30, waitP95: 30 });
    expect(gaveUp.spreadMean).toBeGreaterThan(0);
  });

  it('leaves runs without abandonment as they were', () => {
    const base = { name: 'n', seed: 4, duration: 300, arrivals: { type: 'poisson', rate: 1 }, scores: { type: 'normal', mean: 1500, sd: 300 } };
    const { summary, players } = runScenarioInMemory(resolveScenario('n.json', base));
    expect(summary.abandonment).toEqual({ left: 0, rate: 0, cancelled: 0, ghostRooms: 0, ghostPlayers: 0, messagesLost: 0 });
    expect(summary.breakdowns.abandonment).toEqual([]);
    expect(players.every((p) => p.left_at === null)).toBe(true);
  });
});
