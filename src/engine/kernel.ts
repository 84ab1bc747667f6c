import { EventHeap } from './event-heap.js';

/** What an event does, at its time; `arg` is the number it was scheduled with (0 if none). */
export type Action = (now: number, arg: number) => void;

/**
 * The simulated clock and its event queue, ordered by (time, priority, seq):
 * every order is fixed, so a run is a pure function of its inputs. Generic, as
 * SimPy's core is: priorities are numbers here, named by whoever schedules
 * (the simulation's are in event-priorities.ts).
 */
export class Kernel {
  private readonly queue = new EventHeap<Action>();
  private seq = 0;
  private clock = 0;
  private stopped = false;
  /** Events the current slice may still run: pause() sets it to 0. */
  private left = 0;

  /** The current simulated time, in seconds. */
  get now(): number {
    return this.clock;
  }

  /** The number of events waiting to run. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs `action` at absolute time `time` (never in the past), passing it
   * `arg`: one shared action can serve many events (a match's end, by its
   * room) without a closure each.
   */
  at(time: number, priority: number, action: Action, arg = 0): void {
    if (!(time >= this.clock)) {
      throw new RangeError(`cannot schedule at ${time}, before the current time ${this.clock}`);
    }
    this.queue.push(time, priority, this.seq++, action, arg);
  }

  /** Runs `action` `delay` seconds from now: seed 004's start_delay_event. */
  delay(delay: number, priority: number, action: Action): void {
    if (!(delay >= 0)) throw new RangeError(`delay must be >= 0, got ${delay}`);
    this.at(this.clock + delay, priority, action);
  }

  /**
   * Runs `action` at start, start + interval, ... while the time is <= end.
   * Times are computed as start + k * interval, never accumulated, so a long
   * run does not drift.
   */
  every(start: number, interval: number, end: number, priority: number, action: (now: number) => void): void {
    if (!(interval > 0)) throw new RangeError(`interval must be > 0, got ${interval}`);
    const last = Math.floor((end - start) / interval + 1e-9);
    const step = (k: number): void => {
      if (k > last) return;
      this.at(start + k * interval, priority, (now) => {
        action(now);
        step(k + 1);
      });
    };
    step(0);
  }

  /** Stops `run` after the event that is running now. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs events in order until none is left, `stop` is called, or (with
   * `until`) the next event is later than `until`, which is then the time:
   * events at `until` itself run. Later events stay queued for another call.
   */
  run(until = Infinity): void {
    if (!(until >= this.clock)) throw new RangeError(`cannot run until ${until}, before the current time ${this.clock}`);
    this.stopped = false;
    // A pause only ends a slice of runEvents: run() goes on through it.
    while (this.runAtMost(Infinity, until));
  }

  /** Ends the current runEvents call after the event that is running now: a natural place to pause (the end of a costly event). */
  pause(): void {
    this.left = 0;
  }

  /**
   * Runs at most `count` events (fewer if one calls pause), in the order
   * run() would, and returns true while events remain to run: a caller that
   * drives the clock in slices (to let its process answer a signal between
   * them) sees exactly the events, times and order of one run().
   */
  runEvents(count: number): boolean {
    this.stopped = false;
    return this.runAtMost(count, Infinity);
  }

  private runAtMost(count: number, until: number): boolean {
    const queue = this.queue;
    this.left = count;
    while (!this.stopped) {
      if (queue.size === 0 || queue.nextTime > until) {
        if (until !== Infinity) this.clock = until;
        return false;
      }
      if (this.left-- <= 0) return true;
      const time = queue.nextTime;
      const action = queue.topAction;
      const arg = queue.topArg;
      queue.pop();
      this.clock = time;
      action(time, arg);
    }
    return false;
  }
}
