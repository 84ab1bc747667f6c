import type { Attributes, Filter } from '../../../src/engine/pool/filters.js';

/**
 * One table of filter cases, after Open Match's internal/filter test cases
 * ("Other implementations which help filter tickets must conform to the
 * same set of tickets being within the filter as here", v1-filter.go): every
 * filtering implementation runs it (filters.test.ts).
 */
export interface FilterCase {
  readonly name: string;
  readonly filter: Filter;
  readonly attributes: Attributes | undefined;
  readonly passes: boolean;
}

const withOwn = (entries: Array<[string, string | number | true]>): Attributes => Object.assign(Object.create(null) as Record<string, string | number | true>, Object.fromEntries(entries));

export const FILTER_CASES: readonly FilterCase[] = [
  // Ranges: both bounds included, an absent or non-number value excluded, NaN excluded.
  { name: 'range: inside', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: 25 }, passes: true },
  { name: 'range: at min', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: 0 }, passes: true },
  { name: 'range: at max', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: 50 }, passes: true },
  { name: 'range: below min', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: -0.001 }, passes: false },
  { name: 'range: above max', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: 50.001 }, passes: false },
  { name: 'range: min equal to max', filter: { attribute: 'ping', min: 7, max: 7 }, attributes: { ping: 7 }, passes: true },
  { name: 'range: min above max holds for nothing', filter: { attribute: 'ping', min: 8, max: 7 }, attributes: { ping: 7.5 }, passes: false },
  { name: 'range: min only', filter: { attribute: 'ping', min: 10 }, attributes: { ping: 1e9 }, passes: true },
  { name: 'range: max only', filter: { attribute: 'ping', max: 10 }, attributes: { ping: -1e9 }, passes: true },
  { name: 'range: no bounds holds for any number', filter: { attribute: 'ping' }, attributes: { ping: -3 }, passes: true },
  { name: 'range: NaN is in no range', filter: { attribute: 'ping' }, attributes: { ping: Number.NaN }, passes: false },
  { name: 'range: absent', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { other: 1 }, passes: false },
  { name: 'range: no attributes at all', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: undefined, passes: false },
  { name: 'range: a string is not a number, even one that reads as one', filter: { attribute: 'ping', min: 0, max: 50 }, attributes: { ping: '25' }, passes: false },
  { name: 'range: a tag is not a number', filter: { attribute: 'ping', min: 0 }, attributes: { ping: true }, passes: false },
  // Equals: exactly the string, case and all; an absent value, or a number, is not equal.
  { name: 'equals: the same string', filter: { attribute: 'region', equals: 'eu' }, attributes: { region: 'eu' }, passes: true },
  { name: 'equals: another string', filter: { attribute: 'region', equals: 'eu' }, attributes: { region: 'na' }, passes: false },
  { name: 'equals: case counts', filter: { attribute: 'region', equals: 'eu' }, attributes: { region: 'EU' }, passes: false },
  { name: 'equals: the empty string', filter: { attribute: 'region', equals: '' }, attributes: { region: '' }, passes: true },
  { name: 'equals: absent', filter: { attribute: 'region', equals: 'eu' }, attributes: {}, passes: false },
  { name: 'equals: a number is not its digits', filter: { attribute: 'region', equals: '01' }, attributes: { region: 1 }, passes: false },
  { name: 'equals: a code with a leading zero, kept a string', filter: { attribute: 'region', equals: '01' }, attributes: { region: '01' }, passes: true },
  // Presence: a tag, or any value, is present; absent: present false holds.
  { name: 'present: a tag', filter: { attribute: 'voice', present: true }, attributes: { voice: true }, passes: true },
  { name: 'present: any value', filter: { attribute: 'voice', present: true }, attributes: { voice: 0 }, passes: true },
  { name: 'present: absent', filter: { attribute: 'voice', present: true }, attributes: { mic: true }, passes: false },
  { name: 'absent: absent', filter: { attribute: 'voice', present: false }, attributes: { mic: true }, passes: true },
  { name: 'absent: present', filter: { attribute: 'voice', present: false }, attributes: { voice: true }, passes: false },
  { name: 'absent: no attributes at all', filter: { attribute: 'voice', present: false }, attributes: undefined, passes: true },
  // Lists and maps (FlexMatch's SL and SDM): present or not; never a string that equals, nor a number in range.
  { name: 'present: a string list', filter: { attribute: 'roles', present: true }, attributes: { roles: ['tank'] }, passes: true },
  { name: 'present: an empty string list is still present', filter: { attribute: 'roles', present: true }, attributes: { roles: [] }, passes: true },
  { name: 'equals: a list holding the string does not equal it', filter: { attribute: 'roles', equals: 'tank' }, attributes: { roles: ['tank'] }, passes: false },
  { name: 'present: a number map', filter: { attribute: 'skill', present: true }, attributes: { skill: new Map([['ctf', 1500]]) }, passes: true },
  { name: 'range: a map is not a number', filter: { attribute: 'skill', min: 0 }, attributes: { skill: new Map([['ctf', 1500]]) }, passes: false },
  // Names are names: nothing inherited is an attribute.
  { name: 'an inherited name is absent', filter: { attribute: 'constructor', present: true }, attributes: {}, passes: false },
  { name: 'an own "__proto__" is an attribute like any other', filter: { attribute: '__proto__', equals: 'x' }, attributes: withOwn([['__proto__', 'x']]), passes: true },
  { name: 'toString is not a number', filter: { attribute: 'toString', min: 0 }, attributes: {}, passes: false },
];
