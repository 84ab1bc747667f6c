import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initScenario, packageRoot, TEMPLATES, type TemplateName } from '../../src/cli/init.js';
import { readScenarioDocument, resolveScenario } from '../../src/scenarios/load.js';
import { cli, tempDir } from '../fixtures/helpers.js';

describe('matchsim init', () => {
  it('writes a starter of each template, valid as it is, whose $schema is the installed schema; one run unless the sweep', () => {
    const dir = tempDir();
    for (const template of Object.keys(TEMPLATES) as TemplateName[]) {
      const file = initScenario(`my-${template}`, template, dir);
      expect(file).toBe(join(dir, `my-${template}.json`));
      const document = readScenarioDocument(file) as Record<string, unknown>;
      expect(document.name).toBe(`my-${template}`);
      expect(resolve(dirname(file), document.$schema as string)).toBe(join(packageRoot(), 'schema', 'scenario.schema.json'));
      expect(existsSync(resolve(dirname(file), document.$schema as string))).toBe(true);
      const { scenario } = resolveScenario(file, document);
      expect(scenario.sweep === undefined || Object.keys(scenario.sweep).length === 0, template).toBe(template !== 'sweep');
    }
    // Nothing but the starters: no temporary file is left.
    expect(readdirSync(dir).sort()).toEqual(Object.keys(TEMPLATES).map((t) => `my-${t}.json`).sort());
  });

  it('runs from the command line: the starter runs, an existing file is never replaced, a name that leaves the folder is refused', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const made = await cli('init', 'first');
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toBe('wrote first.json (template run); run it with: matchsim run first.json\n');
      const run = await cli('run', 'first.json', '-o', 'out', '--no-charts');
      expect(run.code, run.stderr).toBe(0);
      writeFileSync('mine.json', '{"keep": "me"}');
      const again = await cli('init', 'mine');
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/mine\.json: is already there: matchsim init never replaces a file/);
      expect(readFileSync('mine.json', 'utf8')).toBe('{"keep": "me"}');
      for (const bad of ['../x', '/tmp/x', '.hidden', 'a b']) expect((await cli('init', bad)).stderr, bad).toMatch(/is not a name for a scenario here/);
      expect((await cli('init', 'x', '--template', 'other')).stderr).toMatch(/expected one of run, population, teams, sweep/);
    } finally {
      process.chdir(cwd);
    }
  });
});
