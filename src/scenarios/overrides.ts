import { InputError } from '../errors.js';

export interface Override {
  /** The option as typed, for error messages. */
  readonly option: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** Names a field path may not walk through: they would reach an object's prototype instead of a field. */
export const FORBIDDEN_PARTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** "--unset a.b.c": the field removed, as --set a.b.c=null does. */
export function parseUnset(text: string): Override {
  return { ...parseOverride(`${text}=null`), option: `--unset ${text}` };
}

/** Parses "a.b.c=value"; the value is JSON when it parses as JSON, otherwise a string (null removes the field). */
export function parseOverride(text: string): Override {
  const option = `--set ${text}`;
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(option, undefined, 'expected PATH=VALUE, e.g. matcher.windowGrowth=25');
  const path = text.slice(0, eq).split('.');
  if (path.some((part) => part === '' || FORBIDDEN_PARTS.has(part))) {
    throw new InputError(option, undefined, `"${text.slice(0, eq)}" is not a field path`);
  }
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: keep it as the string it is.
  }
  return { option, path, value };
}

/**
 * Applies overrides to a copy of a parsed JSON document. A path may step
 * into an array by an index it already has (matcher.window.steps.1.window).
 * A null value removes the field (no field of a scenario takes null), so
 * that a setting can be replaced by another spelled differently:
 * `--set matcher.windowGrowth=null --set matcher.window={...}`.
 */
export function applyOverrides(document: unknown, overrides: readonly Override[]): unknown {
  const root: unknown = structuredClone(document);
  for (const override of overrides) {
    let node = root;
    const { path } = override;
    for (let i = 0; i < path.length - 1; i++) {
      if (Array.isArray(node)) {
        if (!isIndexOf(node, path[i])) throw new InputError(override.option, undefined, `"${path.slice(0, i).join('.')}" has no element ${path[i]} (it has ${node.length})`);
        node = node[Number(path[i])];
        continue;
      }
      if (!isRecord(node)) break;
      if (!Object.hasOwn(node, path[i])) node[path[i]] = {};
      node = node[path[i]];
    }
    const last = path[path.length - 1];
    if (Array.isArray(node)) {
      if (!isIndexOf(node, last)) throw new InputError(override.option, undefined, `"${path.slice(0, -1).join('.')}" has no element ${last} (it has ${node.length})`);
      if (override.value === null) throw new InputError(override.option, undefined, `cannot remove element ${last} of "${path.slice(0, -1).join('.')}": set the whole list instead`);
      node[Number(last)] = override.value;
      continue;
    }
    if (!isRecord(node)) {
      throw new InputError(override.option, undefined, `"${path.slice(0, -1).join('.')}" is not an object`);
    }
    if (override.value === null) delete node[last];
    else node[last] = override.value;
  }
  return root;
}

function isIndexOf(array: readonly unknown[], part: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(part) && Number(part) < array.length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
