import * as z from 'zod';
import type { Candidate, MatchAlgorithm } from '../../src/engine/pool/match-algorithm.js';
import { defineAlgorithm } from '../../src/algorithms/algorithm-entry.js';

/**
 * An algorithm written as a new one would be (docs/architecture.md, "Adding
 * an algorithm"): its pool and its entry, here in one file. Its registration
 * is the one line add-an-algorithm.test.ts adds.
 */

/** First come, first served: the oldest roomSize requests that have waited `holdRounds` rounds form a room, whatever their scores. */
export class FirstComePool<T extends Candidate> implements MatchAlgorithm<T> {
  private readonly queue: Array<{ readonly request: T; rounds: number }> = [];

  constructor(
    readonly roomSize: number,
    private readonly holdRounds: number,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  add(request: T): void {
    this.queue.push({ request, rounds: 0 });
  }

  remove(request: T): boolean {
    const at = this.queue.findIndex((e) => e.request === request);
    if (at < 0) return false;
    this.queue.splice(at, 1);
    return true;
  }

  match(): T[][] {
    for (const entry of this.queue) entry.rounds++;
    const ready = this.queue.filter((e) => e.rounds > this.holdRounds);
    const rooms: T[][] = [];
    for (let i = 0; i + this.roomSize <= ready.length; i += this.roomSize) rooms.push(ready.slice(i, i + this.roomSize).map((e) => e.request));
    const seated = new Set(rooms.flat());
    for (let i = this.queue.length - 1; i >= 0; i--) if (seated.has(this.queue[i].request)) this.queue.splice(i, 1);
    return rooms;
  }

  waiting(): T[] {
    return this.queue.map((e) => e.request);
  }
}

const settings = z.strictObject({ holdRounds: z.int().min(0).max(1000).default(0).describe('Rounds a request waits before it may be seated.') }).describe("For algorithm 'first-come'.");

export const firstCome = defineAlgorithm({
  name: 'first-come',
  description: 'first come, first served: the oldest requests form each room, whatever their scores',
  // Its settings' namespace: matcher["first-come"].
  settings,
  traits: { parties: false, teams: false, services: ['rounds'], oneWindow: false, clocks: ['rounds'] },
  create: (matcher, context) => new FirstComePool(context.roomSize, (matcher['first-come'] as z.output<typeof settings> | undefined)?.holdRounds ?? 0),
});
