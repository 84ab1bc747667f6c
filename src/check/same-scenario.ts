import { excerpt, InputError } from '../errors.js';
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
  const skipped = [...NOT_THE_RUN.map((p) => p.join('.')), ...ignore];
  const found: Difference[] = [];
  const walk = (x: unknown, y: unknown, path: readonly string[]): void => {
    const dotted = path.join('.');
    if (skipped.includes(dotted)) return;
    if (isRecord(x) && isRecord(y)) {
      for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) walk(Object.hasOwn(x, key) ? x[key] : undefined, Object.hasOwn(y, key) ? y[key] : undefined, [...path, key]);
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((item, i) => walk(item, y[i], [...path, String(i)]));
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      found.push({ path: dotted || '(the whole scenario)', a: x, b: y });
    }
  };
  walk(a, b, []);
  return found;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The resolved fields that overrides change: where the scenario resolved with
 * them differs from it resolved without (--set matcher.windowGrowth=20
 * changes matcher.window.growth, the field as it is resolved).
 */
export function changedFields(without: unknown, withOverrides: unknown): string[] {
  return scenarioDifferences(without, withOverrides).map((d) => d.path);
}
