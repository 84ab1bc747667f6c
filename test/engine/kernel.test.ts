import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/engine/kernel.js';
import { Priority } from '../../src/engine/event-priorities.js';

describe('Kernel', () => {
  it('runs events by time, then priority, then scheduling order', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.at(2, Priority.TICK, () => log.push('tick@2'));
    k.at(2, Priority.ARRIVAL, () => log.push('arrival@2 first'));
    k.at(1, Priority.TICK, () => log.push('tick@1'));
    k.at(2, Priority.ARRIVAL, () => log.push('arrival@2 second'));
    k.run();
    expect(log).toEqual(['tick@1', 'arrival@2 first', 'arrival@2 second', 'tick@2']);
    expect(k.now).toBe(2);
  });

  it('run(until) runs the events up to and including that time, leaves later ones queued, and stops the clock there', () => {
    const k = new Kernel();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 5]) k.at(t, Priority.TICK, (now) => seen.push(now));
    k.run(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(k.now).toBe(3);
    expect(k.pending).toBe(1);
    k.run(4);
    expect(k.now).toBe(4);
    expect(seen).toEqual([1, 2, 3]);
    k.run();
    expect(seen).toEqual([1, 2, 3, 5]);
    expect(() => k.run(1)).toThrow(RangeError);
  });

  it('passes each event the number it was scheduled with, so one action serves many events (0 when none was given)', () => {
    const kernel = new Kernel();
    const seen: Array<[number, number]> = [];
    const action = (now: number, arg: number) => void seen.push([now, arg]);
    kernel.at(2, 0, action, 7);
    kernel.at(1, 0, action, 3);
    kernel.at(1, 0, action);
    kernel.run();
    expect(seen).toEqual([
      [1, 3],
      [1, 0],
      [2, 7],
    ]);
  });

  it('runs delayed events relative to the current time (start_delay_event)', () => {
    const k = new Kernel();
    const seen: number[] = [];
    k.at(5, Priority.TICK, () => k.delay(2.5, Priority.DELAYED, (now) => seen.push(now)));
    k.run();
    expect(seen).toEqual([7.5]);
  });

  it('refuses to schedule in the past or with a negative delay', () => {
    const k = new Kernel();
    k.at(3, Priority.TICK, () => {
      expect(() => k.at(2, Priority.TICK, () => {})).toThrow(RangeError);
      expect(() => k.delay(-1, Priority.TICK, () => {})).toThrow(RangeError);
    });
    k.run();
  });

  it('recurs at start + k * interval without drift, up to and including the end', () => {
    const k = new Kernel();
    const times: number[] = [];
    k.every(0, 0.1, 1000, Priority.TICK, (now) => times.push(now));
    k.run();
    expect(times).toHaveLength(10001);
    expect(times[10000]).toBe(1000);
    expect(times[3]).toBe(3 * 0.1);
  });

  it('stops after the running event when asked', () => {
    const k = new Kernel();
    const times: number[] = [];
    k.every(0, 1, 10, Priority.TICK, (now) => {
      times.push(now);
      if (now === 3) k.stop();
    });
    k.run();
    expect(times).toEqual([0, 1, 2, 3]);
    expect(k.pending).toBe(1);
  });

  it('runEvents runs the same events in the same order as run(), in slices of at most `count` or up to a pause', () => {
    const schedule = (k: Kernel, log: string[]) => {
      k.every(0, 1, 20, 1, (now) => {
        log.push(`tick ${now}`);
        if (now % 3 === 0) k.pause();
      });
      for (let i = 0; i < 30; i++) k.at((i * 7) % 23, 2, (now) => void log.push(`e${i}@${now}`));
    };
    const whole: string[] = [];
    const once = new Kernel();
    schedule(once, whole);
    once.run();
    const sliced: string[] = [];
    const k = new Kernel();
    schedule(k, sliced);
    const sizes: number[] = [];
    let before = 0;
    while (k.runEvents(5)) {
      sizes.push(sliced.length - before);
      before = sliced.length;
    }
    expect(sliced).toEqual(whole);
    expect(k.now).toBe(once.now);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    // A pause ends a slice early, and only a slice: run() went through every pause.
    expect(sizes.some((n) => n < 5)).toBe(true);
    expect(whole.length).toBe(51);
  });
});
