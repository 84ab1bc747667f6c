import { describe, expect, it } from 'vitest';
import type { PlayerBatch, RoomBatch, RunSink, TickBatch } from '../../src/engine/records.js';
import { fanOut } from '../../src/engine/run-events.js';
import { RunTally } from '../../src/engine/run-tally.js';
import { TableBatches } from '../../src/engine/table-batches.js';


describe('TableBatches', () => {
  it('writes players in arrival order once every earlier one is settled, reading arrival, score, pool and party from the tally', () => {
    const players: PlayerBatch[] = [];
    const rooms: RoomBatch[] = [];
    const ticks: TickBatch[] = [];
    const tally = new RunTally(2);
    const tables = new TableBatches(tally, { players: (b) => void players.push(b), rooms: (b) => void rooms.push(b), ticks: (b) => void ticks.push(b) }, 2, undefined, {}, 2);
    const events = fanOut(tally, tables);
    events.arrived(0, 0, 1000, 1, -1);
    events.arrived(0.5, 1, 1010, -1, 1);
    events.arrived(0.5, 2, 1020, -1, 1);
    events.joined(1, 0);
    events.joined(1, 1);
    events.joined(1, 2);
    events.roomFormed(2, 0, [1, 2]);
    events.notified(2, 1);
    events.notified(2, 2);
    events.ticked(2, 0, 1, 1, 2, 4);
    // Player 0 is not settled: nobody after it is written yet.
    expect(players).toHaveLength(0);
    events.roomFormed(3, 1, [0, 2]);
    events.notified(3, 0);
    events.ticked(3, 0, 0, 1, 2, 4);
    // Three players settled, at least a batch's worth: all of them go, in batches of two.
    expect(players.map((b) => [b.first, b.count])).toEqual([[0, 2], [2, 1]]);
    expect([...players[0].arrival]).toEqual([0, 0.5]);
    expect([...players[0].score]).toEqual([1000, 1010]);
    expect([...players[0].pool]).toEqual([1, -1]);
    expect([...players[0].party]).toEqual([-1, 1]);
    expect([...players[0].matchedAt]).toEqual([3, 2]);
    expect([...players[0].members]).toEqual([0, 2, 1, 2]);
    // Rooms in batches of two: full after the second room.
    expect(rooms.map((b) => [b.first, b.count])).toEqual([[0, 2]]);
    expect([...rooms[0].minScore]).toEqual([1010, 1000]);
    expect([...rooms[0].maxScore]).toEqual([1020, 1020]);
    expect(ticks.map((b) => b.count)).toEqual([2]);
    events.ended(3);
    expect(players).toHaveLength(2);
    expect(ticks.map((b) => b.count)).toEqual([2]);
  });

  it('settles a player withdrawn before any match, and writes players still waiting at the end', () => {
    const players: PlayerBatch[] = [];
    const tally = new RunTally(2);
    const events = fanOut(tally, new TableBatches(tally, { players: (b) => void players.push(b), rooms: () => {}, ticks: () => {} }, 2, undefined, {}, 1));
    events.arrived(0, 0, 1000, -1, -1);
    events.arrived(0, 1, 1000, -1, -1);
    events.left(4, 0, true, true);
    events.ticked(5, 0, 1, 0, 0, 0);
    expect(players.map((b) => b.first)).toEqual([0]);
    expect([...players[0].leftAt]).toEqual([4]);
    events.ended(6);
    expect(players.map((b) => b.first)).toEqual([0, 1]);
    expect([...players[1].matchedAt]).toEqual([NaN]);
  });
});
