import { describe, expect, it } from 'vitest';
import { runScenarioInMemory, type CsvRecord } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { seedScenario } from './fixtures/helpers.js';

const num = (c: CsvRecord[string]) => c as number;

/** The invariants every algorithm keeps, with parties and players who give up. */
describe('invariants of every variant, with parties and abandonment', () => {
  const variants: Record<string, object> = {
    anchor: { algorithm: 'anchor', roomSize: 4 },
    teams: { algorithm: 'teams', roomSize: 6, teams: { count: 2, size: 3, balance: 'snake' } },
    profiles: { algorithm: 'profiles', roomSize: 4, profiles: [{ name: 'tight', window: { type: 'capped', growth: 50, cap: 60 } }, { name: 'any' }] },
    retry: { algorithm: 'retry', roomSize: 4, retry: { delay: 2 } },
  };
  for (const [name, matcher] of Object.entries(variants)) {
    for (const cancel of [false, true]) {
      it(`${name}, cancel ${cancel}`, () => {
        const scenario = {
          ...seedScenario,
          arrivals: { type: 'poisson', rate: 4 },
          parties: { sizes: { '1': 5, '2': 3, '3': 2 } },
          abandonment: { patience: { type: 'exponential', mean: 20 }, cancel },
          matcher,
        };
        const { summary, rooms, players, timeline } = runScenarioInMemory(resolveScenario('v.json', scenario));
        const size = summary.scenario.matcher.roomSize;
        expect(rooms.length).toBeGreaterThan(50);
        const roomOf = new Map<string, string>();
        for (const room of rooms) {
          const ids = (room.players as string).split(' ');
          expect(ids).toHaveLength(size);
          for (const id of ids) {
            expect(roomOf.has(id), `${id} matched twice`).toBe(false);
            roomOf.set(id, room.room as string);
          }
        }
        for (const p of players) expect(p.room ?? null).toBe(roomOf.get(p.id as string) ?? null);
        // Every player is matched, waiting, or gave up unmatched; a party leaves together.
        expect(summary.players.matched + summary.players.waiting + summary.players.abandoned).toBe(players.length);
        expect(summary.players.matched).toBe(rooms.length * size);
        const leftBy = new Map<string, Set<unknown>>();
        for (const p of players) if (p.party !== null) leftBy.set(p.party as string, (leftBy.get(p.party as string) ?? new Set()).add(p.left_at));
        for (const times of leftBy.values()) expect(times.size).toBe(1);
        // The timeline adds up to the rooms and messages, and its last pool is the players still waiting in it.
        expect(timeline.reduce((a, t) => a + num(t.rooms), 0)).toBe(rooms.length);
        expect(timeline.reduce((a, t) => a + num(t.matched), 0)).toBe(summary.players.matched);
        // Delivered: read by a consumer, or left in the inbox of a connection already closed (a ghost's).
        expect(timeline.reduce((a, t) => a + num(t.messages), 0)).toBe(summary.notifications.messages + summary.abandonment.messagesLost);
        // (Patience may run out after the last tick: those players were still in the pool then.)
        const last = num(timeline[timeline.length - 1].time);
        const inPool = players.filter((p) => p.room === null && p.joined !== null && !(cancel && p.left_at !== null && num(p.left_at) <= last)).length;
        expect(num(timeline[timeline.length - 1].pool)).toBe(inPool);
        if (cancel) expect(summary.abandonment.ghostRooms).toBe(0);
        else expect(summary.abandonment.cancelled).toBe(0);
      });
    }
  }
});
