import { requestSize, type Candidate } from './match-algorithm.js';

/** Rooms of `count` teams of `size` players each. */
export interface TeamShape {
  readonly count: number;
  readonly size: number;
}

/**
 * How a room's requests are dealt into teams (both keep every party in one team):
 * - 'greedy': strongest request first (largest party first), each to the weakest
 *   team, by its total score so far, that can still take it;
 * - 'snake': requests from strongest to weakest pick in draft order
 *   1, 2, ..., k, k, ..., 2, 1, 1, 2, ...; a party uses as many picks as it has
 *   players, and a team that cannot take it passes its pick to the next in order.
 */
export type TeamBalance = 'greedy' | 'snake';
export const TEAM_BALANCES = ['greedy', 'snake'] as const satisfies readonly TeamBalance[];

/**
 * True when requests of these sizes (players) fit into `shape.count` teams of
 * `shape.size` players without splitting one; with `capacities`, into teams
 * with that many places left.
 */
export function packable(sizes: readonly number[], shape: TeamShape, capacities?: readonly number[]): boolean {
  const free = capacities ? [...capacities] : new Array<number>(shape.count).fill(shape.size);
  let total = 0;
  let largest = 0;
  for (const s of sizes) {
    total += s;
    if (s > largest) largest = s;
  }
  if (total > free.reduce((a, b) => a + b, 0)) return false;
  if (largest <= 1) return true;
  // Largest first, and teams with equal room left are interchangeable: try one of each.
  const sorted = [...sizes].sort((a, b) => b - a);
  const place = (i: number): boolean => {
    if (i === sorted.length) return true;
    const s = sorted[i];
    for (let t = 0; t < free.length; t++) {
      if (free[t] < s || free.indexOf(free[t]) !== t) continue;
      free[t] -= s;
      const ok = place(i + 1);
      free[t] += s;
      if (ok) return true;
    }
    return false;
  };
  return place(0);
}

/** A team's strength: the sum of its players' scores, a party counting its score once per player. */
function strength<T extends Candidate>(c: T): number {
  return c.score * requestSize(c);
}

/**
 * Deals a room's requests into teams, keeping parties whole. Returns the
 * teams in order, each a list of requests. The requests must be packable.
 * Ties go to the earlier request in `room` and the lower team number, so the
 * result is a function of the input order alone.
 */
export function dealTeams<T extends Candidate>(room: readonly T[], shape: TeamShape, balance: TeamBalance): T[][] {
  const order = room
    .map((c, i) => ({ c, i, size: requestSize(c) }))
    .sort((a, b) => (balance === 'greedy' ? b.size - a.size : 0) || strength(b.c) - strength(a.c) || a.i - b.i);
  const teams: T[][] = Array.from({ length: shape.count }, () => []);
  const free = new Array<number>(shape.count).fill(shape.size);
  const totals = new Array<number>(shape.count).fill(0);
  const rest = order.map((o) => o.size);
  /** Can team t take request k (of `order`) and still leave a packing for the rest? */
  const canTake = (t: number, k: number): boolean => {
    if (free[t] < rest[k]) return false;
    free[t] -= rest[k];
    const ok = packable(rest.slice(k + 1), shape, free);
    free[t] += rest[k];
    return ok;
  };
  const snake = snakeOrder(shape.count);
  let pick = 0;
  for (let k = 0; k < order.length; k++) {
    let team = -1;
    if (balance === 'greedy') {
      for (let t = 0; t < shape.count; t++) {
        if (canTake(t, k) && (team < 0 || totals[t] < totals[team])) team = t;
      }
    } else {
      for (let step = 0; step < snake.length && team < 0; step++) {
        const t = snake[(pick + step) % snake.length];
        if (canTake(t, k)) team = t;
      }
      pick += order[k].size;
    }
    if (team < 0) throw new RangeError('dealTeams: these requests cannot be packed into the teams');
    teams[team].push(order[k].c);
    free[team] -= order[k].size;
    totals[team] += strength(order[k].c);
  }
  return teams;
}

/** Draft order for one round trip: 0, 1, ..., k-1, k-1, ..., 1, 0. */
function snakeOrder(count: number): number[] {
  const forth = Array.from({ length: count }, (_, t) => t);
  return [...forth, ...forth.slice().reverse()];
}

/**
 * Chance that each team wins, by the Elo logistic: team j's strength is
 * 10^(mean_j / scale); for two teams this is 1 / (1 + 10^((mean_b - mean_a) / scale)).
 */
export function eloWinChances(means: readonly number[], scale = 400): number[] {
  const top = Math.max(...means);
  // Relative to the strongest team, so that large ratings cannot overflow.
  const weights = means.map((m) => 10 ** ((m - top) / scale));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
