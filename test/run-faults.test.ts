import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { seedScenario } from './fixtures/helpers.js';

const run = (faults: object, extra: object = {}) =>
  runScenarioInMemory(resolveScenario('f.json', { ...seedScenario, arrivals: { type: 'poisson', rate: 3 }, faults, ...extra }));
const constant = (value: number) => ({ type: 'constant', value });

describe('faults on the service path', () => {
  it('a full inbox drops messages, and players miss their room (capacity, with a slow consumer)', () => {
    const { summary } = run({ channels: { capacity: 2 }, consumer: { lag: constant(0.5) } }, { matcher: { algorithm: 'anchor', roomSize: 4 } });
    const f = summary.faults!;
    // Four events per room land at once, and only two fit.
    expect(f.messages.overCapacity).toBe(summary.rooms * 4 * 2);
    expect(f.playersLost.neverNotified).toBe(summary.players.matched);
    expect(f.roomsNotFullyNotified).toBe(summary.rooms);
    expect(summary.notifications.playersNotified).toBe(0);
  });

  it('without a slow consumer the same capacity costs nothing: each message is read as it lands', () => {
    const { summary } = run({ channels: { capacity: 2 } }, { matcher: { algorithm: 'anchor', roomSize: 4 } });
    expect(summary.faults!.messages.overCapacity).toBe(0);
    expect(summary.notifications.playersNotified).toBe(summary.players.matched);
    expect(summary.faults!.extraWait).toEqual({ mean: 0, p95: 0, p99: 0 });
  });

  it('messages read after the expiry are discarded unread', () => {
    const { summary } = run({ channels: { expiry: 1 }, consumer: { lag: constant(2) } });
    expect(summary.faults!.messages.expired).toBe(summary.players.matched * 3);
    expect(summary.notifications.playersNotified).toBe(0);
  });

  it('dropped and delayed notifications: players are notified late, or never', () => {
    const late = run({ delivery: { delay: constant(2) } });
    expect(late.players.filter((p) => p.matched_at !== null).every((p) => (p.notified_at as number) === (p.matched_at as number) + 2)).toBe(true);
    expect(late.summary.faults!.messages.delayed).toBe(late.summary.players.matched * 3);
    const lost = run({ delivery: { drop: 1 } });
    expect(lost.summary.faults!.messages.dropped).toBe(lost.summary.players.matched * 3);
    expect(lost.summary.faults!.playersLost.neverNotified).toBe(lost.summary.players.matched);
    const some = run({ delivery: { drop: 0.1 } });
    expect(some.summary.faults!.roomsNotFullyNotified).toBeGreaterThan(0);
    expect(some.summary.faults!.roomsNotFullyNotified).toBeLessThan(some.summary.rooms);
  });

  it('players whose connection closes after they queue: ghosts in rooms, or withdrawn and counted as lost', () => {
    const ghosts = run({ disconnect: { probability: 1, after: constant(0.5) } });
    expect(ghosts.summary.faults!.playersLost.disconnected).toBe(ghosts.summary.players.total);
    expect(ghosts.summary.abandonment.ghostRooms).toBe(ghosts.summary.rooms);
    // Disconnects are faults, not players giving up.
    expect(ghosts.summary.abandonment.left).toBe(0);
    const withdrawn = run({ disconnect: { probability: 0.3, after: constant(0.5), cancel: true } });
    const c = withdrawn.summary.conservation;
    expect(c.lost.disconnected).toBeGreaterThan(0);
    expect(c.arrived).toBe(c.queued + c.pool + c.matched + c.abandoned + c.lost.disconnected);
  });

  it('room entries gone from the cache before the players read them: expired, or culled when the cache is full', () => {
    const expired = run({ cache: { ttl: 1 }, consumer: { lag: constant(2) } });
    expect(expired.summary.faults!.playersLost.roomEntryGone).toBe(expired.summary.notifications.playersNotified);
    expect(expired.summary.faults!.playersLost.roomEntryGone).toBeGreaterThan(0);
    const culled = run({ cache: { maxEntries: 2, cullFrequency: 2 } });
    expect(culled.summary.faults!.cache.culled).toBeGreaterThan(0);
    expect(culled.summary.faults!.playersLost.roomEntryGone).toBe(0); // read at once, before the next room culls it
  });

  it('a stalling worker: rounds skipped, and the extra wait it costs against the same arrivals without it', () => {
    const { summary, timeline } = run({ worker: { stallProbability: 0.05, stallTicks: 5 } });
    const f = summary.faults!;
    expect(f.stalledTicks).toBeGreaterThan(20);
    expect(timeline.filter((t) => t.rooms === 0).length).toBeGreaterThanOrEqual(f.stalledTicks);
    expect(f.extraWait.mean).toBeGreaterThan(0.3);
    expect(f.extraWait.p95).toBeGreaterThan(0);
  });

  it('is deterministic: the same scenario and seed give the same rows', () => {
    const faults = { channels: { capacity: 5, expiry: 3 }, delivery: { drop: 0.05, delay: { type: 'exponential', mean: 0.5 } }, consumer: { lag: { type: 'exponential', mean: 1 } }, disconnect: { probability: 0.1, after: { type: 'uniform', min: 1, max: 30 } }, worker: { stallProbability: 0.02, stallTicks: 3 } };
    expect(run(faults)).toEqual(run(faults));
  });
});
