import { describe, expect, it } from 'vitest';
import { StringTable } from '../../../src/engine/ticket/string-table.js';
import { TicketTable } from '../../../src/engine/ticket/ticket-table.js';

describe('StringTable', () => {
  it('holds each distinct string once, by a small id, whatever the string (a name like "__proto__" included)', () => {
    const strings = new StringTable();
    expect(['eu', 'na', 'eu', '__proto__', 'constructor', 'na'].map((s) => strings.intern(s))).toEqual([0, 1, 0, 2, 3, 1]);
    expect(strings.size).toBe(4);
    expect(strings.text(2)).toBe('__proto__');
  });
});

describe('TicketTable', () => {
  const declared = [
    { name: 'region', kind: 'string' as const },
    { name: 'ping', kind: 'number' as const },
    { name: 'voice', kind: 'tag' as const },
  ];

  it('keeps every ticket by slot, each declared attribute typed, strings interned, absent values absent', () => {
    const tickets = new TicketTable(declared);
    expect(tickets.add(0.5, 1500, 0, -1, { region: 'eu', ping: 40, voice: true })).toBe(0);
    expect(tickets.add(0.5, 1400, 0, 0, { region: 'eu' })).toBe(1);
    expect(tickets.add(1, 900, -1, -1, undefined)).toBe(2);
    // A value not of its declared kind is not taken for one.
    expect(tickets.add(2, 800, -1, -1, { region: 7, ping: 'fast' })).toBe(3);
    expect(tickets.count).toBe(4);
    expect([...tickets.arrival.view()]).toEqual([0.5, 0.5, 1, 2]);
    expect([...tickets.party.view()]).toEqual([-1, 0, -1, -1]);
    expect(tickets.attributeColumn(0, 0, 4)).toEqual(['eu', 'eu', null, null]);
    expect([...(tickets.attributeColumn(1, 1, 4) as Float64Array)]).toEqual([NaN, NaN, NaN]);
    expect(tickets.attributeColumn(1, 0, 1)).toEqual(Float64Array.of(40));
    expect(tickets.attributeColumn(2, 0, 4)).toEqual(Uint8Array.of(1, 0, 0, 0));
    expect(tickets.strings.size).toBe(1);
  });

  it('holds a round trip per data centre, unmeasured until set', () => {
    const tickets = new TicketTable([], ['eu-west-1', 'us-east-1']);
    tickets.add(0, 1, -1, -1, undefined);
    tickets.setLatency(0, 1, 85);
    expect(tickets.latency.map((dc) => dc.get(0))).toEqual([NaN, 85]);
  });
});
