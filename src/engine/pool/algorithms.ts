import { AnchorPool } from './anchor-pool.js';
import type { Filter, PoolSpec } from './filters.js';
import type { Candidate, MatchAlgorithm } from './match-algorithm.js';
import { PartitionedPool, type AttributedCandidate } from './partitioned-pool.js';
import { ProfilesPool } from './profiles-pool.js';
import type { TeamBalance } from './teams.js';
import { UserMatcherError, guardUserMatcher, type CreateMatcher } from './user-module.js';
import { linearWindow, windowPolicy, type WindowPolicy, type WindowSpec } from './window.js';
import { WindowScanPool } from './window-scan-pool.js';

/** The built-in algorithms, by the name a scenario gives in matcher.algorithm. */
export const ALGORITHMS = ['seed', 'seed-legacy', 'anchor', 'teams', 'profiles', 'retry'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export interface MatcherSettings {
  readonly algorithm: AlgorithmName;
  /** Players per room. */
  readonly roomSize: number;
  /** Window growth: score points per second of waiting (the seed's linear window). */
  readonly windowGrowth: number;
  /** Another window policy, in place of linear growth at windowGrowth. */
  readonly window?: WindowSpec;
  /** Pools by attribute filters, each matched on its own. */
  readonly pools?: readonly PoolSpec[];
  /** For 'teams': rooms of `count` teams of `size` players (roomSize = count * size), dealt by `balance`. */
  readonly teams?: { readonly count: number; readonly size: number; readonly balance: TeamBalance; readonly eloScale?: number };
  /** For 'profiles': the profiles that propose rooms (each with its own window and filters), and the evaluator's weight of waiting. */
  readonly profiles?: ReadonlyArray<{ readonly name: string; readonly window?: WindowSpec; readonly filters?: readonly Filter[] }>;
  readonly evaluator?: { readonly waitWeight: number };
  /** Requests may be parties of several players: the algorithm must hold them (MatchAlgorithm.parties). */
  readonly parties?: boolean;
  /** A user's matcher module, loaded: replaces `algorithm`. */
  readonly userModule?: { readonly name: string; readonly create: CreateMatcher; readonly options: Readonly<Record<string, unknown>> };
}

export function windowOf(settings: MatcherSettings): WindowPolicy {
  return settings.window ? windowPolicy(settings.window) : linearWindow(settings.windowGrowth);
}

/** Builds a fresh pool for `settings`, for a worker that runs a round every `tickSeconds`. */
export function createMatchAlgorithm<T extends AttributedCandidate>(settings: MatcherSettings, tickSeconds: number): MatchAlgorithm<T> {
  const pools = settings.pools;
  if (pools !== undefined) return new PartitionedPool<T>(pools, () => createSinglePool<T>(settings, tickSeconds));
  return createSinglePool<T>(settings, tickSeconds);
}

function createSinglePool<T extends Candidate>(settings: MatcherSettings, tickSeconds: number): MatchAlgorithm<T> {
  const common = { roomSize: settings.roomSize, window: windowOf(settings), roundSeconds: tickSeconds };
  const user = settings.userModule;
  if (user) {
    const context = { roomSize: settings.roomSize, tickSeconds, window: common.window, parties: settings.parties === true };
    let made: MatchAlgorithm<Candidate>;
    try {
      made = user.create(user.options, context);
    } catch (error) {
      throw guardError(user.name, error);
    }
    if (made.roomSize !== settings.roomSize) {
      throw guardError(user.name, new Error(`createMatcher returned rooms of ${made.roomSize}, the scenario asks for ${settings.roomSize}`));
    }
    if (settings.parties && made.parties !== true) {
      throw guardError(user.name, new Error('the scenario has parties, and the matcher createMatcher returned does not declare parties: true'));
    }
    return guardUserMatcher(user.name, made as unknown as MatchAlgorithm<T>);
  }
  switch (settings.algorithm) {
    case 'seed':
      return new WindowScanPool<T>({ ...common, order: 'score' });
    case 'seed-legacy':
      return new WindowScanPool<T>({ ...common, order: 'arrival' });
    case 'anchor':
    case 'retry':
      // retry is the anchor rule driven per request by delayed events (see RetryMatchService).
      return new AnchorPool<T>(common);
    case 'teams': {
      const teams = settings.teams;
      if (!teams) throw new RangeError("algorithm 'teams' needs matcher.teams");
      return new AnchorPool<T>({ ...common, teams: { shape: teams, balance: teams.balance } });
    }
    case 'profiles': {
      const profiles = settings.profiles;
      if (!profiles) throw new RangeError("algorithm 'profiles' needs matcher.profiles");
      return new ProfilesPool<T & AttributedCandidate>({
        roomSize: settings.roomSize,
        roundSeconds: tickSeconds,
        profiles: profiles.map((p) => ({ name: p.name, window: p.window ? windowPolicy(p.window) : common.window, filters: p.filters })),
        waitWeight: settings.evaluator?.waitWeight ?? settings.windowGrowth,
      });
    }
  }
}

function guardError(module: string, error: unknown): Error {
  return new UserMatcherError(module, 'createMatcher', error);
}
