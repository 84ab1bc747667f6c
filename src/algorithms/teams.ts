import * as z from 'zod';
import { AnchorPool } from '../engine/pool/anchor-pool.js';
import { TEAM_BALANCES } from '../engine/pool/teams.js';
import { defineAlgorithm, type MatcherSettings, type SettingsIssue } from './algorithm-entry.js';
import { roleSlots } from './role-slots.js';

const teams = z
  .strictObject({
    count: z.int().min(2, { error: 'count must be a whole number >= 2' }).max(100).describe('Teams per room.'),
    size: z.int().min(1, { error: 'size must be a whole number >= 1' }).max(100).describe('Players per team.'),
    balance: z
      .enum(TEAM_BALANCES)
      .default('greedy')
      .describe('greedy: strongest request first, each to the weakest team with room; snake: picks in the order 1, 2, ..., k, k, ..., 1. Parties stay in one team.'),
    eloScale: z
      .number()
      .min(1, { error: 'eloScale must be a number from 1 to 1e9' })
      .max(1e9, { error: 'eloScale must be a number from 1 to 1e9' })
      .default(400)
      .describe('Rating points for 10:1 odds in the Elo logistic, for predicted win chances.'),
  })
  .describe("For algorithm 'teams': rooms of count teams of size players; matcher.roomSize must be count x size.");

type TeamsSettings = z.output<typeof teams>;

/** The teams settings of a validated matcher: its namespace, matcher.teams (the flat spelling too: it was always one object). */
const teamsOf = (matcher: MatcherSettings): TeamsSettings | undefined => matcher.teams as TeamsSettings | undefined;

export const teamsAlgorithm = defineAlgorithm({
  name: 'teams',
  description: 'anchor, with each room dealt into balanced teams (matcher.teams)',
  settings: teams,
  traits: { parties: true, teams: true, services: ['rounds', 'retry'], oneWindow: true, clocks: ['rounds', 'seconds'], roles: true, backfill: true },
  teamShape: teamsOf,
  check(matcher) {
    const issues: SettingsIssue[] = [];
    const shape = teamsOf(matcher);
    if (shape === undefined) issues.push([['matcher', 'teams'], 'required with algorithm "teams", e.g. {"count": 2, "size": 5}']);
    else if (shape.count * shape.size !== matcher.roomSize) {
      issues.push([['matcher', 'roomSize'], `must be teams.count x teams.size = ${shape.count * shape.size} (it is ${matcher.roomSize})`]);
    }
    return issues;
  },
  create(settings, context) {
    const shape = teamsOf(settings);
    if (!shape) throw new RangeError("algorithm 'teams' needs matcher.teams");
    const roles = roleSlots(settings, context);
    return new AnchorPool({ ...context, teams: { shape, balance: shape.balance }, ...(roles !== undefined ? { roles } : {}) });
  },
});
