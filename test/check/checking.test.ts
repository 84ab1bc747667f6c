import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStepSummary, prepareCheck } from '../../src/check/checking.js';
import { UNTRUSTED } from '../../src/scenarios/scenario-files.js';
import { seedScenario, tempDir } from '../fixtures/helpers.js';

const document = seedScenario;
const asked = { file: 'small.json', document, overrides: [], trust: UNTRUSTED, level: 0.95 };

describe('prepareCheck', () => {
  it("takes the scenario's expectations, or refuses a check with nothing to check", () => {
    expect(prepareCheck({ ...asked, document: { ...document, expect: { 'wait.p95': { max: 5 } } } }).expectations).toEqual({ 'wait.p95': { max: 5 } });
    expect(() => prepareCheck(asked)).toThrow('small.json: expect: nothing to check');
    expect(() => prepareCheck({ ...asked, updateBaseline: true })).toThrow('--update-baseline: needs --baseline FILE to write to');
  });

  it('refuses, before any run, to overwrite a file matchsim did not write', () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, 'my own notes\n');
    expect(() => prepareCheck({ ...asked, document: { ...document, expect: { 'wait.p95': { max: 5 } } }, markdown: notes })).toThrow(notes);
    // The runner's step summary is appended to instead.
    expect(prepareCheck({ ...asked, document: { ...document, expect: { 'wait.p95': { max: 5 } } }, markdown: notes, stepSummary: notes }).appendsToStepSummary).toBe(true);
    expect(isStepSummary(notes, '')).toBe(false);
    rmSync(dir, { recursive: true });
  });
});
