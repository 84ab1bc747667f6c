import { describe, expect, it } from 'vitest';
import { MemoryChannelLayer } from '../../../src/engine/memory/memory-channel-layer.js';

describe('MemoryChannelLayer', () => {
  it('delivers a group message to the inbox of every channel in the group, in order', () => {
    const layer = new MemoryChannelLayer<string>({ clock: () => 0 });
    layer.groupAdd('room', 'a');
    layer.groupAdd('room', 'b');
    layer.groupAdd('room', 'a'); // no duplicate membership
    layer.groupSend('room', 'hello');
    layer.groupSend('room', 'again');
    expect([layer.receive('a'), layer.receive('a'), layer.receive('a')]).toEqual(['hello', 'again', undefined]);
    expect([layer.receive('b'), layer.receive('b')]).toEqual(['hello', 'again']);
    expect(layer.delivered).toBe(4);
  });

  it('stops delivering to a discarded channel and drops an empty group', () => {
    const layer = new MemoryChannelLayer<string>({ clock: () => 0 });
    layer.groupAdd('room', 'a');
    layer.groupAdd('room', 'b');
    layer.groupDiscard('room', 'a');
    layer.groupSend('room', 'x');
    expect(layer.receive('a')).toBeUndefined();
    expect(layer.receive('b')).toBe('x');
    layer.groupDiscard('room', 'b');
    expect(layer.groupCount).toBe(0);
  });

  it('expires a group groupExpiry seconds after its last group_add', () => {
    let now = 0;
    const layer = new MemoryChannelLayer<string>({ clock: () => now, groupExpiry: 100 });
    layer.groupAdd('room', 'a');
    now = 60;
    layer.groupAdd('room', 'b');
    now = 159;
    layer.groupSend('room', 'still here');
    expect(layer.receive('a')).toBe('still here');
    now = 160;
    layer.groupSend('room', 'gone');
    expect(layer.receive('b')).toBe('still here');
    expect(layer.receive('b')).toBeUndefined();
    expect(layer.groupCount).toBe(0);
  });

  it('wakes a subscribed consumer after each delivery to its channel', () => {
    const seen: string[] = [];
    const layer = new MemoryChannelLayer<number>({ clock: () => 0 });
    for (const channel of ['x', 'y']) layer.subscribe(channel, () => seen.push(`${channel}:${layer.receive(channel)}`));
    layer.groupAdd('g', 'x');
    layer.groupAdd('g', 'y');
    layer.groupSend('g', 7);
    layer.groupSend('g', 8);
    expect(seen).toEqual(['x:7', 'y:7', 'x:8', 'y:8']);
  });

  it('keeps messages that arrived before a subscription, and drops an inbox on unsubscribe', () => {
    const layer = new MemoryChannelLayer<number>({ clock: () => 0 });
    layer.groupAdd('g', 'x');
    layer.groupSend('g', 1);
    layer.subscribe('x', () => {});
    expect(layer.receive('x')).toBe(1);
    layer.groupSend('g', 2);
    layer.unsubscribe('x');
    expect(layer.receive('x')).toBeUndefined();
  });
});
