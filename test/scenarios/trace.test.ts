import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../src/scenarios/trace.js';
import { writeFiles } from '../fixtures/helpers.js';

describe('readTrace', () => {
  it('reads an unchanged file once (a sweep resolves every point against the same trace), and again once it changes', () => {
    const dir = writeFiles({ 't.csv': 'time,id,score\n0,a,1\n1,b,2\n' });
    const file = join(dir, 't.csv');
    const first = readTrace(file);
    expect(readTrace(file)).toBe(first);
    writeFileSync(file, 'time,id,score\n0,a,1\n1,b,2\n2,c,3\n');
    const changed = readTrace(file);
    expect(changed).not.toBe(first);
    expect(changed.ids).toEqual(['a', 'b', 'c']);
    // Same size, another time: read again.
    writeFileSync(file, 'time,id,score\n0,a,1\n1,b,2\n2,c,4\n');
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(Array.from(readTrace(file).scores)).toEqual([1, 2, 4]);
  });
});
