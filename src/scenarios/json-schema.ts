import * as z from 'zod';
import { scenarioSchema } from './schema.js';
import { jsonShapeOf } from './named-record.js';

/** Where the published schema lives in the repository; bundled scenarios point at it. */
export const SCHEMA_FILE = 'schema/scenario.schema.json';

/**
 * The scenario format as JSON Schema (draft 7, which editors support widely),
 * generated from the same zod definition that validates scenarios. Checks the
 * schema cannot express (a trace with scores, a uniform range without a whole
 * number) are made by matchsim itself.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(scenarioSchema);
  return { $id: 'https://matchsim.invalid/scenario.schema.json', title: 'matchsim scenario', ...schema };
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
    // A named record (see namedRecord) is checked by code zod cannot describe; to an editor it is the record it stands for.
    override: (ctx) => {
      const shape = jsonShapeOf(ctx.zodSchema as unknown as z.ZodType);
      if (shape === undefined) return;
      const { $schema: _, ...described } = toJsonSchema(shape);
      Object.assign(ctx.jsonSchema, described);
    },
  }) as Record<string, unknown>;
}

type Node = Record<string, unknown>;

/** The field names the schema allows at `path` (union branches merged), for "did you mean" suggestions. */
export function fieldsAt(path: readonly string[]): string[] {
  return [...new Set(branchesAt(path).flatMap((n) => Object.keys((n.properties as object | undefined) ?? {})))];
}

/** The `type` of each branch of the union at `path` that has a field `key`: where a field is known, but only to other types. */
export function typesWithField(path: readonly string[], key: string): string[] {
  return branchesAt(path)
    .filter((n) => Object.hasOwn((n.properties as object | undefined) ?? {}, key))
    .map((n) => ((n.properties as Record<string, Node>).type as Node | undefined)?.const)
    .filter((type): type is string => typeof type === 'string');
}

/** Every object the schema allows at `path`, a union's branches each on its own. */
function branchesAt(path: readonly string[]): Node[] {
  let nodes: Node[] = [scenarioJsonSchema()];
  for (const key of path) {
    nodes = nodes.flatMap(branches).flatMap((n) => {
      const child = (n.properties as Record<string, Node> | undefined)?.[key];
      return child ? [child] : [];
    });
  }
  return nodes.flatMap(branches);
}

function branches(node: Node): Node[] {
  const alternatives = (node.oneOf ?? node.anyOf) as Node[] | undefined;
  return alternatives ? alternatives.flatMap(branches) : [node];
}
