import type { ArrivalSource } from './arrival-source.js';
import { Connections } from './connections.js';
import { GrowableInt32 } from './growable.js';
import { Priority } from './event-priorities.js';
import { Kernel } from './kernel.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryChannelLayer } from './memory/memory-channel-layer.js';
import { MemoryQueue } from './memory/memory-queue.js';
import { requestSize } from './pool/match-algorithm.js';
import type { VisitSource } from './population/visit-source.js';
import type { RunSink } from './records.js';
import { fanOut, type RunEvents } from './run-events.js';
import { RunTally, type RunStats } from './run-tally.js';
import { withdrawal } from './run/leaving.js';
import { unprovided, type Channels, type Request, type RoomCache, type RunContext, type RunSetup } from './run/run-context.js';
import { composeHooks, type RunHooks, type RunModule } from './run/run-module.js';
import { RUN_MODULES } from './run/run-modules.js';
import type { SimulationConfig } from './run/simulation-config.js';
import { ROOM_TTL_SECONDS } from './service/rooms.js';
import { TableBatches } from './table-batches.js';
import { ruleEvaluationsOf } from './pool/rule-evaluations.js';

export type { RunProgress, SimulationConfig } from './run/simulation-config.js';

/**
 * Runs the match service on the simulated clock: the run modules
 * (run/run-modules.ts) over one kernel and one run context, emitting one
 * stream of events (run-events.ts), folded by the run's tally (RunStats,
 * returned) and, given a sink, its CSV tables:
 * - arrivals (run/arrivals.ts): each arrival calls the add_player handler (add_party for a party);
 * - the worker (run/worker-round.ts): each tick drains the queue into the pool
 *   and matches (or, run/retries.ts, each request retries on delayed events of its own);
 * - notifications (run/notifications.ts): the stand-in for each player's
 *   game-server consumer reads its create_player events and leaves the room
 *   group once it has every member's (the game itself is not simulated);
 * - leaving (run/leaving.ts): players whose patience runs out (run/patience.ts),
 *   whose session ends (run/population.ts), or whose connection fails (run/faults/);
 * - the checks: conservation after every tick, the faults' costs, progress.
 * Deterministic: no wall clock, no unseeded randomness, no iteration over
 * unordered state.
 */
export function simulate(config: SimulationConfig, arrivals: ArrivalSource | VisitSource, sink?: RunSink, modules: readonly RunModule[] = RUN_MODULES): RunStats {
  return drain(simulation(config, arrivals, sink, modules));
}

/** Events run between two pauses of a simulation's steps: a few milliseconds of work. */
export const EVENTS_PER_STEP = 4096;

/** Runs a generator of steps to its end, without pausing: its result. */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The simulation as steps: it pauses (yields) after every EVENTS_PER_STEP
 * events, so that a caller may let its event loop run in between (a signal
 * be answered); the result is the same however it is driven, and simulate()
 * drives it without pausing.
 */
export function* simulation(config: SimulationConfig, arrivals: ArrivalSource | VisitSource, sink?: RunSink, modules: readonly RunModule[] = RUN_MODULES): Generator<void, RunStats, void> {
  // The set-up and the processes are a plain function: as a generator's body they measured some 10% slower.
  const { kernel, finish } = prepare(config, arrivals, sink, modules);
  while (kernel.runEvents(EVENTS_PER_STEP)) yield;
  return finish();
}

/** The kernel with every module's processes scheduled, and what makes the run's stats once it has run. */
function prepare(config: SimulationConfig, source: ArrivalSource | VisitSource, sink: RunSink | undefined, modules: readonly RunModule[]): { readonly kernel: Kernel; readonly finish: () => RunStats } {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const { matcher } = config;
  const roomSize = matcher.roomSize;
  const parts = modules.map((m) => m.part(config)).filter((p) => p !== undefined);

  // ---- 1. The modules shape the service's ports.
  const setup: RunSetup = {
    config,
    kernel,
    connections: new Connections(),
    faultCounters: { stalledTicks: 0, dropped: 0, delayed: 0, disconnected: 0, neverNotified: 0, roomEntryGone: 0 },
    channelOptions: { clock, groupExpiry: config.groupExpiry },
    cacheLimit: undefined,
    roomTtl: config.roomTtl ?? ROOM_TTL_SECONDS,
    cancellable: false,
    cancels: { patience: false, session: false, disconnect: false, timeout: false, rejected: false },
    arrivalsOnDemand: false,
    populationTables: undefined,
    serviceChannels: undefined,
    consumer: undefined,
  };
  for (const part of parts) part.configure?.(setup);

  // ---- 2. The ports, bound to in-memory stand-ins keyed by player and room index; the pool; the run's one stream of events.
  const teams = matcher.teams;
  // A ticket's attributes are kept whether or not tables are written: a pool may read them by slot (TicketSlots).
  const tally = new RunTally(roomSize, teams && { count: teams.count, size: teams.size, eloScale: teams.eloScale ?? 400 }, config.abandonment !== undefined, config.attributes, config.recorded, config.dataCentres, config.roles);
  const events: RunEvents = sink === undefined ? tally : fanOut(tally, new TableBatches(tally, sink, roomSize, setup.populationTables, { rostered: matcher.rostered, expansions: matcher.expansions, backfill: config.population?.backfill !== undefined || config.sessionBackfill !== undefined || config.backfillStream !== undefined }));
  const channels: Channels = new MemoryChannelLayer(setup.channelOptions);
  const cache: RoomCache = new MemoryCache(clock, setup.cacheLimit);
  let roomsCreated = 0;
  const roomSizes = matcher.smallestRoom === undefined ? undefined : new GrowableInt32();
  // Rooms that vary in size are counted as they are named: the game server's consumers may read a room's events before it is seated.
  const nameRoom = roomSizes === undefined ? () => roomsCreated++ : (requests: readonly Request[]) => {
    roomSizes.push(roomPlayers(requests, matcher.smallestRoom as number, roomSize));
    return roomsCreated++;
  };
  const ports = { cache, channels: setup.serviceChannels?.(channels) ?? channels, roomTtl: setup.roomTtl, nameRoom };
  // A request's id is its ticket's slot (its first player's index).
  const pool = matcher.createPool<Request>(config.tick, { table: tally.tickets, slot: (request) => request.uuid });
  const queue = new MemoryQueue<Request>();
  const { connections } = setup;
  const hooks: RunHooks = {};
  const counts = { matched: 0, abandoned: 0, lost: { disconnected: 0 } };
  const pooledPlayers = (): number => {
    let pooled = 0;
    for (const request of pool.waiting()) pooled += requestSize(request);
    return pooled;
  };
  const run: RunContext = {
    ...setup,
    events,
    tally,
    roomSize,
    roomSizes,
    source,
    slot: { time: 0, score: 0 },
    channels,
    cache,
    pool,
    queue,
    ports,
    counts,
    hooks,
    service: { get handler() { return unprovided('the service'); }, joinsOnArrival: false, queuedPlayers: () => unprovided('the service'), round: () => unprovided('the service') },
    arrive: () => unprovided('arrive'),
    arriveRequest: () => unprovided('arriveRequest'),
    connect: () => unprovided('connect'),
    roomFormed: () => unprovided('roomFormed'),
    roomJoined: () => unprovided('roomJoined'),
    joinerTeams: undefined,
    joined: (now, player) => {
      events.joined(now, player);
      hooks.joined?.(player);
    },
    withdraw: () => unprovided('withdraw'),
    pooledPlayers,
    account: (pooled = pooledPlayers()) => ({
      arrived: connections.opened,
      queued: run.service.queuedPlayers(),
      pool: pooled,
      proposed: run.service.proposedPlayers?.(),
      matched: counts.matched,
      abandoned: counts.abandoned,
      lost: { ...counts.lost },
    }),
  };
  run.withdraw = withdrawal(run);

  // ---- 3. The modules start their processes; 4. their hooks, composed once.
  const started = parts.map((part) => part.start?.(run) ?? {});
  Object.assign(hooks, composeHooks(started));

  // ---- The tick: one worker round (or a sample of the timeline), then what every module checks or tells.
  const service = run.service;
  kernel.every(0, config.tick, config.end, Priority.TICK, (now) => {
    const accounting = run.account(service.round(now));
    hooks.ticked?.(now, accounting);
    // A round can be costly (a large pool): the steps pause after each, as well as every EVENTS_PER_STEP events.
    kernel.pause();
  });

  const finish = (): RunStats => {
    // After the last tick, patience may still have run out for some, and delayed messages landed or expired: account for them too.
    hooks.ended?.(kernel.now, run.account());
    events.ended(kernel.now);
    const ruleEvaluations = ruleEvaluationsOf(pool);
    return { ...tally.stats(), ...hooks.stats?.(), ...(ruleEvaluations !== undefined ? { ruleEvaluations } : {}), ...(roomSizes !== undefined ? { roomPlayers: roomSizes.view().slice() } : {}) };
  };
  return { kernel, finish };
}

/** The players of a room of requests, which must be from `smallest` to `most`: a pool that forms another has a bug. */
function roomPlayers(requests: readonly Request[], smallest: number, most: number): number {
  let players = 0;
  for (const request of requests) players += requestSize(request);
  if (players < smallest || players > most) throw new Error(`the pool formed a room of ${players} players; its rooms hold ${smallest} to ${most}`);
  return players;
}
