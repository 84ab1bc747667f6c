import * as z from 'zod';
import { weight } from '../fields.js';
import { namedRecord } from '../named-record.js';
import type { AddIssue } from './section-issue.js';

/** A role's name: a word, as players.csv and summary.json name it. */
export const roleName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { error: 'a role is a name of letters, digits, - and _ (up to 32, a letter first)' });

const share = (what: string) => z.number().min(0, { error: `${what} must be from 0 to 1` }).max(1, { error: `${what} must be from 0 to 1` });

/** The roles section: the roles generated players queue for (role queues). */
export const roles = z
  .strictObject({
    shares: namedRecord(roleName, weight('a role share'))
      .optional()
      .describe('Generated players: role -> weight of the players whose first choice it is, e.g. {"tank": 25, "damage": 60, "support": 15}.'),
    attribute: z.string().min(1).max(128).optional().describe("Recorded players (a trace's or a replayed log's): the string list attribute holding each player's roles, in its order of preference; give names too."),
    names: z.array(roleName).min(1).max(16).optional().describe('With attribute: the roles the run knows, in order (a role a player names that is not here is not one of its roles).'),
    second: share('second').default(0).describe('The share of players who also queue for a second role (drawn by the shares from the others).'),
    flex: share('flex').default(0).describe('The share of players who queue for any role (flex): every role, their first choice first.'),
    priorityPass: z
      .strictObject({
        seconds: z.number().positive({ error: 'seconds must be a number > 0' }).max(86400).describe('How much earlier a visit with a pass queues: the pool sees it this much older (its anchor order and its window); its wait is still counted from when it queued.'),
      })
      .optional()
      .describe("Overwatch's priority pass (a population, matcher.composition, the seconds clock): a player who played a match in a role other than its first choice earns a pass, and its next visit queues as if earlier."),
  })
  .optional()
  .describe('Role queues: the roles each generated player will play, in its order of preference (players.csv roles); matcher.composition says how many of each a team needs.');

export type RolesSpec = NonNullable<z.output<typeof roles>>;

/** The section's own rules: some role is chosen, and not too many roles for a ticket to name. */
export function checkRoles(spec: RolesSpec | undefined, issue: AddIssue): void {
  if (spec === undefined) return;
  if ((spec.shares === undefined) === (spec.attribute === undefined)) {
    issue(['roles'], 'give shares (roles drawn for generated players) or attribute (roles recorded with the players), not both');
    return;
  }
  if (spec.attribute !== undefined) {
    if (spec.names === undefined) issue(['roles', 'names'], 'required with attribute: the roles the run knows, in order');
    else spec.names.forEach((r, i) => spec.names?.indexOf(r) !== i && issue(['roles', 'names', i], 'is named twice'));
    if (spec.second > 0 || spec.flex > 0) issue(['roles', spec.second > 0 ? 'second' : 'flex'], "is for drawn roles: recorded players' roles are their own");
    return;
  }
  if (spec.names !== undefined) issue(['roles', 'names'], 'is for recorded roles (attribute): the shares name the drawn ones');
  const shares = spec.shares as Readonly<Record<string, number>>;
  const names = Object.keys(shares);
  if (names.length === 0 || names.every((r) => shares[r] === 0)) issue(['roles', 'shares'], 'give at least one role a share above 0');
  if (names.length > 16) issue(['roles', 'shares'], `${names.length} roles: at most 16`);
  if (spec.second > 0 && names.length < 2) issue(['roles', 'second'], 'a second role needs two roles');
}

/** The roles of a scenario, in the order its shares list them. */
export function roleNames(spec: RolesSpec | undefined): readonly string[] {
  return spec === undefined ? [] : spec.shares !== undefined ? Object.keys(spec.shares) : (spec.names ?? []);
}
