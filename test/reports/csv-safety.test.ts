import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, safeCsv } from '../../src/reports/csv-safety.js';
import { cli, writeFiles } from '../fixtures/helpers.js';

describe('no CSV cell starts a spreadsheet formula', () => {
  it('neutralises text that starts with =, +, -, @, tab or CR, and nothing else', () => {
    expect(['=1+1', '+x', '-y', '@z', '\tt', '\rr', 'ok', '', "'q"].map(neutraliseFormula)).toEqual(["'=1+1", "'+x", "'-y", "'@z", "'\tt", "'\rr", 'ok', '', "'q"]);
  });

  it('safeCsv neutralises every text cell, headers included, and leaves numbers (negative ones too), nulls and booleans as they are', () => {
    expect(safeCsv([['=h', 'ok'], ['@x', -3, null, true, false, '-2']])).toBe("'=h,ok\n'@x,-3,,true,false,'-2\n");
  });

  it('in every file a run writes: ids from a trace are neutralised where they start a cell, numbers are left alone', async () => {
    const dir = writeFiles({
      'trace.csv': 'time,id,score,region\n0,"=HYPERLINK(""x"")",-5,@eu\n0,+cmd,-7,@eu\n0,-2,-6,@eu\n0,@me,100,na\n',
      's.json': { name: 'f', seed: 1, arrivals: { type: 'trace', file: 'trace.csv' }, matcher: { windowGrowth: 10, pools: [{ name: '=pool', filters: [{ attribute: 'region', equals: '@eu' }] }] } },
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    expect(r.code).toBe(0);
    const players = readFileSync(join(dir, 'out/players.csv'), 'utf8').trim().split('\n').slice(1);
    expect(players.map((l) => l.split(',')[0])).toEqual(['"\'=HYPERLINK(""x"")"', "'+cmd", "'-2", "'@me"]);
    // Scores stay numbers, negative ones included; the room name starts with "room_" and is the simulated one.
    expect(players[1].split(',')[2]).toBe('-7');
    expect(players[1]).toContain(',"room_+cmd_-2_=HYPERLINK(""x"")",');
    // The pool, then the player's region (attr_region), a string from the trace, neutralised too.
    expect(players[1].endsWith(",'=pool,'@eu")).toBe(true);
    const rooms = readFileSync(join(dir, 'out/rooms.csv'), 'utf8').trim().split('\n');
    expect(rooms[1].startsWith('"room_+cmd_-2_=HYPERLINK(""x"")",1,"\'+cmd -2 =HYPERLINK(""x"")",-7,')).toBe(true);
    const breakdown = readFileSync(join(dir, 'out/breakdown.csv'), 'utf8');
    expect(breakdown).toContain("pool,'=pool,");
    for (const file of ['players.csv', 'rooms.csv', 'timeline.csv', 'breakdown.csv']) {
      for (const line of readFileSync(join(dir, 'out', file), 'utf8').trim().split('\n')) {
        for (const cell of line.split(',')) expect(cell, `${file}: ${line}`).not.toMatch(/^"?[=+@\t\r]/);
      }
    }
  });
});
