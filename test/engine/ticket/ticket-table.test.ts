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

  it('keeps string lists and string-to-number maps (FlexMatch\'s SL and SDM) item by item, interned, and gives them back as added', () => {
    const tickets = new TicketTable([
      { name: 'roles', kind: 'string-list' },
      { name: 'skill', kind: 'number-map' },
    ]);
    tickets.add(0, 1, -1, -1, { roles: ['tank', 'support'], skill: new Map([['ctf', 1500], ['__proto__', -2.5]]) });
    tickets.add(0, 1, -1, -1, { roles: [], skill: new Map() });
    tickets.add(0, 1, -1, -1, undefined);
    // A value of another kind is absent, as for the other kinds.
    tickets.add(0, 1, -1, -1, { roles: 'tank', skill: 5 });
    tickets.add(0, 1, -1, -1, { roles: ['support', 'tank', 'tank'] });
    expect([0, 1, 2, 3, 4].map((slot) => tickets.value(0, slot))).toEqual([['tank', 'support'], [], undefined, undefined, ['support', 'tank', 'tank']]);
    expect([0, 1, 2, 3, 4].map((slot) => tickets.value(1, slot))).toEqual([new Map([['ctf', 1500], ['__proto__', -2.5]]), new Map(), undefined, undefined, undefined]);
    expect(tickets.strings.size).toBe(4);
    // For the tables, JSON text that DuckDB and pandas parse, in the order added.
    expect(tickets.attributeColumn(0, 0, 5)).toEqual(['["tank","support"]', '[]', null, null, '["support","tank","tank"]']);
    expect(tickets.attributeColumn(1, 0, 2)).toEqual(['{"ctf":1500,"__proto__":-2.5}', '{}']);
    expect(JSON.parse((tickets.attributeColumn(1, 0, 1) as string[])[0])).toEqual(Object.fromEntries([['ctf', 1500], ['__proto__', -2.5]]));
  });

  it('gives back every kind by value, as added', () => {
    const tickets = new TicketTable(declared);
    tickets.add(0, 1, -1, -1, { region: 'eu', ping: 40, voice: true });
    tickets.add(0, 1, -1, -1, {});
    expect([0, 1, 2].map((k) => tickets.value(k, 0))).toEqual(['eu', 40, true]);
    expect([0, 1, 2].map((k) => tickets.value(k, 1))).toEqual([undefined, undefined, undefined]);
  });

  it("knows each ticket's party from its own column: the leader, and how many it leads", () => {
    const tickets = new TicketTable();
    tickets.add(0, 1, -1, -1, undefined); // 0 alone
    tickets.add(1, 1, -1, 1, undefined); // 1 leads 1, 2, 3
    tickets.add(1, 1, -1, 1, undefined);
    tickets.add(1, 1, -1, 1, undefined);
    tickets.add(2, 1, -1, 4, undefined); // 4 leads 4, 5
    tickets.add(2, 1, -1, 4, undefined);
    tickets.add(3, 1, -1, -1, undefined); // 6 alone
    expect([0, 1, 2, 3, 4, 5, 6].map((t) => tickets.partyLeader(t))).toEqual([0, 1, 1, 1, 4, 4, 6]);
    expect([0, 1, 4, 6].map((t) => tickets.partySize(t))).toEqual([1, 3, 2, 1]);
  });

  it('holds a role set per ticket when the run has roles, in order of preference, and none otherwise', () => {
    const tickets = new TicketTable([], [], true);
    tickets.add(0, 1, -1, -1, undefined, ['damage', 'tank']);
    tickets.add(0, 1, -1, -1, undefined);
    tickets.add(0, 1, -1, -1, undefined, []);
    expect([0, 1, 2].map((slot) => tickets.roles(slot))).toEqual([['damage', 'tank'], undefined, []]);
    const none = new TicketTable();
    none.add(0, 1, -1, -1, undefined, ['tank']);
    expect(none.roles(0)).toBeUndefined();
  });

  it('holds a round trip per data centre, unmeasured until set', () => {
    const tickets = new TicketTable([], ['eu-west-1', 'us-east-1']);
    tickets.add(0, 1, -1, -1, undefined);
    tickets.setLatency(0, 1, 85);
    expect(tickets.latency.map((dc) => dc.get(0))).toEqual([NaN, 85]);
  });

  it("gives each ticket's best round trip over the data centres it measured, NaN when none", () => {
    const tickets = new TicketTable([], ['a', 'b', 'c']);
    for (let i = 0; i < 3; i++) tickets.add(0, 1, -1, -1, undefined);
    [[40, 12, 30], [NaN, 50, NaN], [NaN, NaN, NaN]].forEach((row, slot) => row.forEach((ms, dc) => tickets.setLatency(slot, dc, ms)));
    expect([0, 1, 2].map((slot) => tickets.bestLatency(slot))).toEqual([12, 50, NaN]);
  });
});
