import * as z from 'zod';
import type { AttributeKind, AttributeKinds } from '../../engine/ticket/attribute-kinds.js';
import { LIMITS, weight } from '../fields.js';
import { namedRecord } from '../named-record.js';
import type { AddIssue } from './section-issue.js';

/** The attributes section: what generated players carry besides a score (region, platform, mode). */

const attributeNumber = z.number().min(-LIMITS.attribute).max(LIMITS.attribute);

const attribute = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('category'),
        values: namedRecord(z.string().min(1), weight()).describe('Value -> weight, e.g. {"eu": 5, "na": 3}.'),
      })
      .describe('One of several strings, drawn by weight.'),
    z.strictObject({ type: z.literal('tag'), probability: z.number().min(0).max(1) }).describe('Present with this probability.'),
    z.strictObject({ type: z.literal('normal'), mean: attributeNumber, sd: attributeNumber.nonnegative() }).describe('A number.'),
    z.strictObject({ type: z.literal('uniform'), min: attributeNumber, max: attributeNumber }).describe('A number.'),
  ])
  .describe('An attribute every generated player carries, e.g. region, platform, mode.');

export const attributesSchema = namedRecord(z.string().min(1), attribute);

export type AttributeSpecs = z.output<typeof attributesSchema>;

const KIND_OF_TYPE = { category: 'string', tag: 'tag', normal: 'number', uniform: 'number' } as const satisfies Record<AttributeSpecs[string]['type'], AttributeKind>;

/** What generated players' attributes hold, declared by their distributions: a category a string, a tag a tag, the rest numbers. */
export function attributeKinds(attributes: AttributeSpecs | undefined): AttributeKinds {
  return new Map(Object.entries(attributes ?? {}).map(([name, a]) => [name, KIND_OF_TYPE[a.type]]));
}

export function checkAttributes(attributes: AttributeSpecs | undefined, issue: AddIssue): void {
  for (const [name, a] of Object.entries(attributes ?? {})) {
    if (a.type === 'category' && Object.values(a.values).every((w) => w === 0)) issue(['attributes', name, 'values'], 'needs a value with a weight above 0');
  }
}
