import { excerpt, InputError } from '../errors.js';
import { fieldDifferences } from '../scenarios/scenario-diff.js';
import { scenarioSchema } from '../scenarios/schema.js';

/**
 * What a check compares like with like by: the resolved scenario that a
 * result records (summary.json's or sweep.json's `scenario`), every default
 * filled in. Fields that say nothing about the run are left out: `expect`
 * (what is checked, not what ran), `description` and `$schema`.
 */
const NOT_THE_RUN: ReadonlyArray<readonly string[]> = [['expect'], ['description'], ['$schema']];

type Difference = { readonly path: string; readonly a: unknown; readonly b: unknown };

/** Every path (dotted, in key order) at which two resolved scenarios differ, leaving out `ignore` and what lies below them. */
export function scenarioDifferences(a: unknown, b: unknown, ignore: readonly string[] = []): Difference[] {
  const skip = [...NOT_THE_RUN.map((p) => p.join('.')), ...ignore];
  return fieldDifferences([a, b], { skip, sortKeys: true, elementwise: true }).map((d) => ({ path: d.path || '(the whole scenario)', a: d.values[0], b: d.values[1] }));
}

const shown = (value: unknown) => (value === undefined ? 'nothing' : excerpt(JSON.stringify(value) ?? String(value), 40));

/**
 * Refuses, in one line, a result (a baseline, or the results of --from) that
 * is not of the scenario being checked: its resolved scenario must equal
 * this one's but at `ignore`, the resolved fields that the command line's
 * overrides change (the change under test: see changedFields).
 */
export function checkSameScenario(source: string, what: string, recorded: unknown, scenario: unknown, ignore: readonly string[] = []): void {
  if (recorded === undefined) throw new InputError(source, undefined, `records no scenario: not a ${what} matchsim wrote`);
  // Read again through today's schema: a result written by an earlier matchsim, whose resolved scenario lacked a default
  // added since or spelled a setting the old way, compares as what it ran. What the schema refuses is compared as written.
  const parsed = scenarioSchema.safeParse(recorded);
  const [difference] = scenarioDifferences(parsed.success ? parsed.data : recorded, scenario, ignore);
  if (difference === undefined) return;
  throw new InputError(
    source,
    undefined,
    `is a ${what} of another scenario: its ${difference.path} is ${shown(difference.a)}, the scenario's is ${shown(difference.b)} (a change under test is named on the command line: --set, --sweep, --seed or --replications)`,
  );
}


/**
 * The resolved fields that overrides change: where the scenario resolved with
 * them differs from it resolved without (--set matcher.windowGrowth=20
 * changes matcher.window.growth, the field as it is resolved).
 */
export function changedFields(without: unknown, withOverrides: unknown): string[] {
  return scenarioDifferences(without, withOverrides).map((d) => d.path);
}
