import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYTES_PER_DATA_ROW, checkDataFileSize, estimateRows } from '../../src/scenarios/estimate.js';
import { cli, writeFiles } from '../fixtures/helpers.js';

const rows = (n: number) => 'time,id,score\n' + Array.from({ length: n }, (_, i) => `${i},user-${i},${1000 + (i % 500)}\n`).join('');

describe('the size of a data file, estimated before it is parsed', () => {
  it('estimates the rows from the file size and the rows of its first 64 KB', () => {
    const dir = writeFiles({ 't.csv': rows(20000) });
    const { rows: estimate } = estimateRows(join(dir, 't.csv'));
    expect(Math.abs(estimate - 20001) / 20001).toBeLessThan(0.1);
  });

  it('refuses a file whose rows would not fit in the heap, with the estimate; one that fits passes', () => {
    const dir = writeFiles({ 't.csv': rows(20000) });
    const need = 20001 * BYTES_PER_DATA_ROW;
    expect(() => checkDataFileSize(join(dir, 't.csv'), 'trace', need * 10)).not.toThrow();
    expect(() => checkDataFileSize(join(dir, 't.csv'), 'trace', need / 2)).toThrow(
      /t\.csv: the trace holds about [\d,]+ rows \(0 MB\), needing about 0\.0 GB to read; this process may use 0\.0 GB \(split the file, or raise the limit with NODE_OPTIONS=--max-old-space-size=MEGABYTES\)/,
    );
  });

  it('validate refuses a 1.5 GB trace at once, without reading it (a sparse file)', async () => {
    const dir = writeFiles({ 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 'big.csv' } } });
    const file = join(dir, 'big.csv');
    writeFileSync(file, rows(5000));
    truncateSync(file, 1.5 * 1024 ** 3);
    const r = await cli('validate', join(dir, 's.json'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/big\.csv: the trace holds about [\d,]+ rows \(1536 MB\), needing about [\d.]+ GB to read; this process may use [\d.]+ GB/);
  });
});
