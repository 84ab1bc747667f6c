import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The fields of a scenario document that name a file, relative to the scenario's folder. */
const PATH_FIELDS: ReadonlyArray<readonly string[]> = [['$schema'], ['arrivals', 'file'], ['scores', 'file'], ['population', 'skill', 'file'], ['matcher', 'module']];

/**
 * A copy of a scenario document written elsewhere (a tuned.json in the
 * tuning's output) with every path it names rewritten to resolve from its
 * new folder to the same file: it then runs as it is, from any working
 * directory. A path that now leaves its folder (`../`) still needs
 * --trust-scenario, as any scenario's would; absolute paths and URLs stay.
 */
export function rebasePaths(document: Record<string, unknown>, fromFile: string, toFolder: string): Record<string, unknown> {
  const copy = structuredClone(document);
  const from = dirname(resolve(fromFile));
  const to = resolve(toFolder);
  for (const path of PATH_FIELDS) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined), copy);
    const key = path[path.length - 1];
    if (!isRecord(parent) || !Object.hasOwn(parent, key)) continue;
    const given = parent[key];
    if (typeof given !== 'string' || isAbsolute(given) || /^[a-z][a-z0-9+.-]*:/i.test(given)) continue;
    parent[key] = relative(to, resolve(from, given)).split(sep).join('/') || '.';
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
