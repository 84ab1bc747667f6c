import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../src/scenarios/trace.js';
import { tempDir } from '../fixtures/helpers.js';

const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 40) * 5;

/** What reading a trace gives: its columns, or the one line it is refused with. */
function outcome(read: () => unknown): unknown {
  try {
    const trace = read() as { times: Float64Array; scores: Float64Array; ids: string[]; attributes: unknown };
    return { times: [...trace.times], scores: [...trace.scores], ids: trace.ids, attributes: trace.attributes };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/** Bytes of a trace: good rows, and what trips readers (bad cells, quotes, CRLF, multi-byte characters, a BOM, a byte that is not UTF-8). */
const traceBytes = fc
  .tuple(
    fc.constantFrom('time,id,score\n', 'time,id,score,region\n', '\ufefftime,id,score\r\n', 'time,score\n', 'time,id,id,score\n', ''),
    fc.array(fc.constantFrom('0,a,1\n', '1,b,2\n', '2,ç€,3\n', '3,"q,1",4\n', '1,c,x\n', '2,🎲,5\r\n', '\n', '4,d,6,eu\n', '5,e,7', ' 6 , f , 8 \n', '7,\u00a0g,9\n', '\xff'), { maxLength: 12 }),
  )
  .map(([header, rows]) => Buffer.concat([Buffer.from(header), ...rows.map((r) => (r === '\xff' ? Buffer.from([0xff]) : Buffer.from(r)))]));

describe('the trace reader, a piece at a time', () => {
  it('reads and refuses every trace as a read in one piece does, wherever the pieces are cut', () => {
    const dir = tempDir();
    const file = join(dir, 't.csv');
    let read = 0;
    fc.assert(
      fc.property(traceBytes, fc.integer({ min: 1, max: 9 }), (bytes, pieceBytes) => {
        writeFileSync(file, bytes);
        const whole = outcome(() => parseTrace(file, 1 << 20));
        if (!('refused' in (whole as object))) read++;
        expect(outcome(() => parseTrace(file, pieceBytes))).toEqual(whole);
      }),
      { numRuns: RUNS, seed: 5 },
    );
    // Both sides of the property are exercised: some traces are read, some refused.
    expect(read).toBeGreaterThan(RUNS / 20);
    expect(read).toBeLessThan(RUNS);
  });

  it('names the bad byte itself and its line, not a good character before it (a search over prefixes cut mid-character once did)', () => {
    const file = join(tempDir(), 't.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('time,id,score\n2,ç€,3\n'), Buffer.from([0xff])]));
    for (const pieceBytes of [undefined, 1, 2, 3]) expect(() => parseTrace(file, pieceBytes)).toThrow('t.csv: line 3: not valid UTF-8 (byte 25); save the trace as UTF-8');
    // A character cut short at the end of the file is named where it starts.
    writeFileSync(file, Buffer.concat([Buffer.from('time,id,score\n2,a,3\n'), Buffer.from([0xe2, 0x82])]));
    expect(() => parseTrace(file, 4)).toThrow('line 3: not valid UTF-8 (byte 21)');
  });
});
