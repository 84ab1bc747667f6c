import { describe, expect, it } from 'vitest';
import { composeHooks } from '../../../src/engine/run/run-module.js';

describe('composeHooks', () => {
  it('leaves a hook no module listens to undefined, and passes a single listener through as it is', () => {
    const arrived = () => {};
    const hooks = composeHooks([{}, { arrived }, {}]);
    expect(hooks.arrived).toBe(arrived);
    expect(hooks.joined).toBeUndefined();
    // Every run's hooks have the same keys, whoever listens: one shape for the code that reads them.
    expect(Object.keys(hooks)).toEqual(Object.keys(composeHooks([])));
    expect(Object.keys(hooks)).toEqual(['arrived', 'joined', 'notified', 'roomFormed', 'roomJoined', 'proposed', 'dropped', 'left', 'skipsRound', 'ticked', 'ended', 'stats']);
  });

  it('calls every listener in module order', () => {
    const heard: string[] = [];
    const hooks = composeHooks([{ left: (p) => heard.push(`a${p}`) }, { left: (p) => heard.push(`b${p}`) }]);
    hooks.left?.(3, false, 1);
    expect(heard).toEqual(['a3', 'b3']);
  });

  it('skips a round when any module says so, and asks every module even then (a stalled worker counts its ticks)', () => {
    const asked: number[] = [];
    const hooks = composeHooks([{ skipsRound: () => (asked.push(1), true) }, { skipsRound: () => (asked.push(2), false) }]);
    expect(hooks.skipsRound?.(0)).toBe(true);
    expect(asked).toEqual([1, 2]);
    expect(composeHooks([{ skipsRound: () => false }, { skipsRound: () => false }]).skipsRound?.(0)).toBe(false);
  });

  it("merges the modules' stats, later modules' fields over earlier ones", () => {
    const hooks = composeHooks([{ stats: () => ({ rooms: 1, ticks: 2 }) }, { stats: () => ({ rooms: 3 }) }]);
    expect(hooks.stats?.()).toEqual({ rooms: 3, ticks: 2 });
  });
});
