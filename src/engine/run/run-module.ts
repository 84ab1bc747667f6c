import type { RunStats } from '../run-tally.js';
import type { SimulationConfig } from './simulation-config.js';
import type { RunContext, RunHooks, RunSetup } from './run-context.js';

export type { RunHooks } from './run-context.js';

/**
 * A part of the simulated system, one file each: the arrivals, the worker,
 * the notifications, patience, each fault, a population, the checks. A run
 * is the registered modules (run-modules.ts) over one RunContext, composed
 * once when the run starts:
 * 0. `part`: each module says whether it takes part, and makes its state;
 * 1. `configure`, in order: a module shapes the service's ports before they
 *    are built (a fault's transport, a cache limit, cancellable requests);
 * 2. the ports, pool and queue are built;
 * 3. `start`, in order: a module schedules its processes and fills the
 *    context's slots it provides (the service, arrive, connect, ...);
 * 4. the hooks every module returned are composed into one function per hook
 *    (run.hooks), so an event calls what listens to it without a list to walk.
 */
export interface RunModule {
  readonly name: string;
  /** The module's part in one run with these settings (its state lives there), or undefined when it takes none. */
  readonly part: (config: SimulationConfig) => RunPart | undefined;
}

/** A module in one run. */
export interface RunPart {
  readonly configure?: (setup: RunSetup) => void;
  readonly start?: (run: RunContext) => RunHooks | void;
}

type Hook = keyof RunHooks;
const HOOKS = ['arrived', 'joined', 'notified', 'roomFormed', 'roomJoined', 'proposed', 'dropped', 'left', 'skipsRound', 'ticked', 'ended', 'stats'] as const satisfies readonly Hook[];

/** One function per hook from the modules' hooks, in module order: none where no module listens, the module's own where one does. */
export function composeHooks(all: readonly RunHooks[]): RunHooks {
  // Every hook a key, undefined where nobody listens: one shape for every run's hooks, so that the code reading them is not deoptimised when the next run (a fault's twin) has other listeners.
  const composed: { -readonly [K in Hook]?: RunHooks[K] } = { arrived: undefined, joined: undefined, notified: undefined, roomFormed: undefined, roomJoined: undefined, proposed: undefined, dropped: undefined, left: undefined, skipsRound: undefined, ticked: undefined, ended: undefined, stats: undefined };
  for (const hook of HOOKS) {
    const fns = all.map((h) => h[hook]).filter((f) => f !== undefined) as Array<(...args: never[]) => unknown>;
    if (fns.length === 0) continue;
    if (hook === 'skipsRound') {
      const skips = fns as unknown as Array<(now: number) => boolean>;
      composed.skipsRound = skips.length === 1 ? skips[0] : (now) => skips.reduce((skip, f) => f(now) || skip, false);
    } else if (hook === 'stats') {
      const parts = fns as unknown as Array<() => Partial<RunStats>>;
      composed.stats = () => Object.assign({}, ...parts.map((f) => f()));
    } else {
      // Every hook takes at most four arguments: passed as they are, with no rest array made per event.
      const calls = fns as unknown as Array<(a: unknown, b: unknown, c: unknown, d: unknown) => void>;
      (composed as Record<string, unknown>)[hook] =
        calls.length === 1
          ? calls[0]
          : calls.length === 2
            ? (a: unknown, b: unknown, c: unknown, d: unknown) => {
                calls[0](a, b, c, d);
                calls[1](a, b, c, d);
              }
            : (a: unknown, b: unknown, c: unknown, d: unknown) => {
                for (let i = 0; i < calls.length; i++) calls[i](a, b, c, d);
              };
    }
  }
  return composed;
}
