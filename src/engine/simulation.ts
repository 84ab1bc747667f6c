import type { ArrivalSource, ArrivalSlot } from './arrival-source.js';
import { Connections } from './connections.js';
import { checkConservation, type Accounting, type LossReason } from './conservation.js';
import { Kernel } from './kernel.js';
import { Priority } from './event-priorities.js';
import { faultyTransport, type FaultConfig, type FaultCosts } from './faults.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryChannelLayer } from './memory/memory-channel-layer.js';
import { MemoryQueue } from './memory/memory-queue.js';
import type { EngineMatcher } from './engine-matcher.js';
import { poolFor } from './pool/filters.js';
import { matchesOne, requestSize } from './pool/match-algorithm.js';
import { idLookup, type RunSink } from './records.js';
import { FAULT_KINDS, fanOut, type FaultKind, type RunEvents } from './run-events.js';
import { RunTally, type RunStats } from './run-tally.js';
import { MatchService, type CreatedRoom } from './service/match-service.js';
import type { PlayerIdentity, PlayerRequest } from './service/player-request.js';
import { RetryMatchService } from './service/retry-match-service.js';
import { ROOM_TTL_SECONDS, type CreatePlayerEvent, type RoomMember } from './service/rooms.js';
import { TableBatches } from './table-batches.js';
import { UserMatcherError } from './pool/user-module.js';
import { Population, type PopulationConfig } from './population/population.js';
import type { VisitSource } from './population/visit-source.js';
import type { ChannelLayer } from './ports.js';

export interface SimulationConfig {
  /** Seconds between worker rounds (with retries: between samples of the timeline). */
  readonly tick: number;
  /** Rounds run at 0, tick, 2 tick, ... up to and including this time; no retry runs after it. */
  readonly end: number;
  /** The matcher, with its pool factory (see EngineMatcher; matchsim's registry builds it with engineMatcher). */
  readonly matcher: EngineMatcher;
  readonly roomTtl?: number;
  readonly groupExpiry?: number;
  /** Players who give up: each request draws a patience at arrival; with `cancel` the service withdraws it. */
  readonly abandonment?: { readonly patience: () => number; readonly cancel: boolean };
  /** A party's score from its members' scores (default: their mean). */
  readonly partyScore?: 'mean' | 'max';
  readonly faults?: FaultConfig;
  /** Told after every tick how far the run is (simulated time, players arrived): for a progress line, never for a result. */
  readonly progress?: RunProgress;
  /**
   * A closed population instead of an arrival stream: its players' visits are
   * the arrivals (the source passed to simulate must then be a VisitSource),
   * and a room's sides are `sides` (teams, or each player alone).
   */
  readonly population?: PopulationConfig & { readonly sides: number };
}

/** Where a run is: its simulated time and the players arrived so far. */
export type RunProgress = (now: number, players: number) => void;

/*
 * In the simulator a player is its index (the index-th arrival): the match
 * service sees it as uuid, username and channel name, and a room is the
 * index-th room created. Ids and room names are built only when rows are
 * written (csv-tables.ts).
 */
type Player = number;
type Room = number;
type Request = PlayerRequest<Player>;

/**
 * Runs the match service on the simulated clock, as a few processes on one
 * kernel that emit one stream of events (run-events.ts), folded by the run's
 * tally (RunStats, returned) and, given a sink, its CSV tables:
 * - arrivals: each arrival calls the add_player handler (add_party for a party);
 * - the worker: each tick drains the queue into the pool and matches (or, with
 *   per-request retries, each request retries on delayed events of its own);
 * - connections: the stand-in for each player's game-server consumer reads its
 *   create_player events and leaves the room group once it has every member's
 *   (the game itself is not simulated);
 * - leaving: players whose patience runs out, or whose connection fails.
 * Deterministic: no wall clock, no unseeded randomness, no iteration over
 * unordered state.
 */
export function simulate(config: SimulationConfig, arrivals: ArrivalSource | VisitSource, sink?: RunSink): RunStats {
  return drain(simulation(config, arrivals, sink));
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
export function* simulation(config: SimulationConfig, arrivals: ArrivalSource | VisitSource, sink?: RunSink): Generator<void, RunStats, void> {
  // The set-up and the processes are a plain function: as a generator's body they measured some 10% slower.
  const { kernel, finish } = prepare(config, arrivals, sink);
  while (kernel.runEvents(EVENTS_PER_STEP)) yield;
  return finish();
}

/** The kernel with every process scheduled, and what makes the run's stats once it has run. */
function prepare(config: SimulationConfig, arrivals: ArrivalSource | VisitSource, sink?: RunSink): { readonly kernel: Kernel; readonly finish: () => RunStats } {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const { matcher } = config;
  const roomSize = matcher.roomSize;
  const teams = matcher.teams;
  const tally = new RunTally(roomSize, teams && { count: teams.count, size: teams.size, eloScale: teams.eloScale ?? 400 }, config.abandonment !== undefined);
  // With a population, its players' states join each row of the timeline.
  let population: Population | undefined;
  const tables = config.population && {
    states: () => (population as Population).concurrencyNow(),
    players: (from: number, to: number) => (population as Population).playersOfVisits(from, to),
  };
  const events: RunEvents = sink === undefined ? tally : fanOut(tally, new TableBatches(tally, sink, roomSize, tables));
  const faults = config.faults;
  const costs = { stalledTicks: 0, dropped: 0, delayed: 0, disconnected: 0, neverNotified: 0, roomEntryGone: 0 };

  // ---- The service's ports, bound to in-memory stand-ins keyed by player and room index.
  const delivery = faults?.delivery;
  const channels = new MemoryChannelLayer<CreatePlayerEvent<Player>, Room, Player>({
    clock,
    groupExpiry: config.groupExpiry,
    ...(faults?.channels ?? {}),
    ...(delivery ? { transport: faultyTransport(delivery, kernel, costs) } : {}),
  });
  const cache = new MemoryCache<RoomMember<Player>[], Room>(clock, faults?.cache?.limit);
  const connections = new Connections();
  /** Rooms still waiting for a member to be notified, with how many (tracked only with faults). */
  const pendingRooms = new Map<Room, number>();
  // With faults the game server's consumer learns its room when added to the group, as it reads the
  // room's cache entry on being notified, which may happen while the room is still being created.
  const serviceChannels: ChannelLayer<CreatePlayerEvent<Player>, Room, Player> =
    faults === undefined
      ? channels
      : {
          groupAdd: (group, channel) => {
            if (connections.isOpen(channel)) connections.setRoom(channel, group);
            pendingRooms.set(group, (pendingRooms.get(group) ?? 0) + 1);
            channels.groupAdd(group, channel);
          },
          groupDiscard: (group, channel) => channels.groupDiscard(group, channel),
          groupSend: (group, message) => channels.groupSend(group, message),
          receive: (channel) => channels.receive(channel),
        };
  let roomsCreated = 0;
  const ports = { cache, channels: serviceChannels, roomTtl: config.roomTtl ?? ROOM_TTL_SECONDS, nameRoom: () => roomsCreated++ };
  const cancellable = config.abandonment?.cancel === true || faults?.disconnect?.cancel === true || config.population?.cancel === true;
  const pool = matcher.createPool<Request>(config.tick);
  const queue = new MemoryQueue<Request>();
  let service: MatchService<Player, Room> | RetryMatchService<Player, Room>;
  /** Rooms matched since the last timeline sample, with retries (rooms form between ticks). */
  let roomsSince = 0;
  const mode = matcher.service;
  if (mode.type === 'retry') {
    if (!matchesOne(pool)) {
      const why = 'the scenario asks for service retry, which needs matchOne(request, waitSeconds), and the matcher has none';
      // The scenario's schema lets only built-in algorithms that can run under retry; a module is seen only once built.
      throw matcher.moduleName !== undefined ? new UserMatcherError(matcher.moduleName, 'createMatcher', new Error(why)) : new RangeError(why);
    }
    service = new RetryMatchService<Player, Room>({
      ...ports,
      pool,
      delay: mode.delay,
      // Attempts stop with the run: a request still waiting then is written as waiting.
      scheduler: {
        delay: (seconds, event) => {
          if (kernel.now + seconds <= config.end) kernel.delay(seconds, Priority.DELAYED, event);
        },
      },
      onRoom: (room) => {
        roomsSince++;
        roomFormed(kernel.now, room);
      },
    });
  } else {
    service = new MatchService<Player, Room>({ ...ports, queue, pool, cancellable });
  }
  const retries = service instanceof RetryMatchService;

  // ---- Connections: each player's consumer reads its create_player events as they land.
  /** Once matched and notified, the consumer leaves its room group and its connection closes. */
  const leaveRoom = (player: Player): void => {
    if (connections.isSeated(player) && connections.isNotified(player)) {
      channels.groupDiscard(connections.room(player), player);
      channels.unsubscribe(player);
      connections.close(player);
    }
  };
  const read = (player: Player): void => {
    if (channels.receive(player) === undefined) {
      // Without faults every landing leaves a message; with them it may have expired, or the connection closed.
      if (faults === undefined) throw new Error(`delivery to player ${player} left no message`);
      return;
    }
    events.messageRead(kernel.now, player);
    if (connections.read(player) !== roomSize) return;
    connections.setNotified(player);
    events.notified(kernel.now, player);
    if (faults !== undefined) readRoomEntry(player);
    leaveRoom(player);
  };
  // The consumer's receive loop takes each message off its inbox as it lands (or, when slow, `lag` later).
  const lag = faults?.consumerLag;
  const consumer = lag === undefined ? read : (player: Player) => kernel.delay(lag(), Priority.DELIVERY, () => read(player));
  const connect = (): Player => {
    const player = connections.open();
    channels.subscribe(player, consumer);
    return player;
  };
  /** A player has every event of its room: it reads the room's cache entry, and its room is one member nearer done. */
  const readRoomEntry = (player: Player): void => {
    const room = connections.room(player);
    if (faults?.cache !== undefined && cache.get(room) === undefined) costs.roomEntryGone++;
    const left = (pendingRooms.get(room) ?? 1) - 1;
    if (left <= 0) pendingRooms.delete(room);
    else pendingRooms.set(room, left);
  };

  const joined = (now: number, player: Player): void => {
    events.joined(now, player);
    population?.joined(player);
  };

  // ---- A room formed: its members are seated; those already gone are ghosts.
  let matchedPlayers = 0;
  const members: Player[] = [];
  const roomFormed = (now: number, room: CreatedRoom<Player, Room>): void => {
    members.length = 0;
    for (const request of room.players) {
      if (request.members === undefined) members.push(request.uuid);
      else for (const member of request.members) members.push(member.uuid);
    }
    for (const player of members) if (!connections.isOpen(player)) throw new Error(`room ${room.name}: player ${player} has no connection`);
    matchedPlayers += members.length;
    events.roomFormed(now, room.name, members);
    for (const player of members) {
      connections.setRoom(player, room.name);
      connections.setSeated(player);
      if (connections.isGone(player)) {
        // A ghost: its events went to a closed connection, where nobody will read them.
        channels.groupDiscard(room.name, player);
        events.messagesLost(channels.unsubscribe(player));
        connections.close(player);
      } else {
        leaveRoom(player);
      }
    }
    population?.roomFormed(now, room.name, members);
  };

  // ---- Leaving: patience runs out, or (a fault) the connection closes.
  /** Players withdrawn by the service: gave up (abandoned), or lost to a fault, by reason. */
  let abandonedPlayers = 0;
  const lost: Record<LossReason, number> = { disconnected: 0 };
  const open: Player[] = [];
  /**
   * A request's players leave (`leader` and the size-1 players after it). A
   * request still waiting is withdrawn when `cancel`; players already matched
   * but not yet notified lose the events still on their way.
   */
  const leave = (leader: Player, size: number, why: 'patience' | 'session' | 'disconnect', cancel: boolean): void => {
    open.length = 0;
    for (let player = leader; player < leader + size; player++) if (connections.isOpen(player)) open.push(player);
    if (open.length === 0) return; // notified and gone, or withdrawn
    if (connections.room(open[0]) >= 0) {
      if (why !== 'disconnect') return; // matched in time
      for (const player of open) {
        if (connections.isNotified(player)) continue;
        connections.setGone(player);
        costs.disconnected++;
        events.messagesLost(channels.unsubscribe(player));
        connections.close(player);
      }
      return;
    }
    const withdrawn = cancel && service.cancelPlayer(leader);
    // A player whose session ends while it waits leaves as one who gives up does.
    if (withdrawn && why !== 'disconnect') abandonedPlayers += size;
    if (withdrawn && why === 'disconnect') lost.disconnected += size;
    for (const player of open) {
      if (connections.isGone(player)) continue;
      connections.setGone(player);
      if (why === 'disconnect') costs.disconnected++;
      channels.unsubscribe(player);
      events.left(kernel.now, player, withdrawn, why !== 'disconnect');
      if (withdrawn) connections.close(player);
    }
    population?.left(leader, withdrawn, size);
  };

  // ---- Arrivals: the game server calls add_player (add_party) for each arrival, in order.
  const slot: ArrivalSlot = { time: 0, score: 0 };
  const scheduleNextArrival = (): void => {
    if (arrivals.next(slot)) kernel.at(slot.time, Priority.ARRIVAL, arrive);
  };
  const pools = matcher.pools;
  const party: PlayerIdentity<Player>[] = [];
  const abandonment = config.abandonment;
  const disconnect = faults?.disconnect;
  const arrive = (now: number): void => {
    const attributes = slot.attributes;
    const poolIndex = pools ? poolFor(pools, attributes) : -1;
    const size = slot.party ?? 1;
    const leader = connect();
    events.arrived(now, leader, slot.score, poolIndex, size > 1 ? leader : -1);
    let total = slot.score;
    let best = slot.score;
    for (let k = 1; k < size; k++) {
      if (!arrivals.next(slot) || slot.party !== 0 || slot.time !== now) {
        throw new Error(`party of ${idLookup(arrivals.ids)(leader)}: the arrival source gave ${k} of its ${size} players`);
      }
      events.arrived(now, connect(), slot.score, poolIndex, leader);
      total += slot.score;
      best = Math.max(best, slot.score);
    }
    // No queue with retries: the handler itself puts the request in the pool.
    if (retries) for (let k = 0; k < size; k++) joined(now, leader + k);
    if (size === 1) {
      service.addPlayer(total, leader, leader, '', leader, attributes);
    } else {
      party.length = 0;
      for (let k = 0; k < size; k++) party.push({ uuid: leader + k, username: leader + k, photo: '', channelName: leader + k });
      service.addParty(config.partyScore === 'max' ? best : total / size, [...party], attributes);
    }
    if (abandonment) {
      const patience = abandonment.patience();
      for (let k = 0; k < size; k++) events.patience(leader + k, patience);
      kernel.at(now + patience, Priority.ABANDON, () => leave(leader, size, 'patience', abandonment.cancel));
    }
    if (disconnect && disconnect.draw() < disconnect.probability) {
      kernel.at(now + disconnect.after(), Priority.ABANDON, () => leave(leader, size, 'disconnect', disconnect.cancel));
    }
    if (population === undefined) scheduleNextArrival();
  };
  if (config.population === undefined) {
    scheduleNextArrival();
  } else {
    const visits = arrivals as VisitSource;
    const { sides, ...populationConfig } = config.population;
    population = new Population(
      populationConfig,
      {
        kernel,
        queue: (now, _leader, size, scores) => {
          const visit = connections.opened;
          visits.push(now, scores);
          if (!arrivals.next(slot)) throw new Error('a visit without its request');
          arrive(now);
          if (connections.opened !== visit + size) throw new Error(`visit ${visit}: ${connections.opened - visit} players arrived for a party of ${size}`);
          return visit;
        },
        withdraw: (visit, size, cancel) => leave(visit, size, 'session', cancel),
      },
      { size: roomSize, sides },
    );
    population.start();
  }

  // ---- The worker: one round a tick, checking after each that every player is accounted for.
  /** Players whose requests are in the pool (a party counts each of its players), as the pool itself says. */
  const pooledPlayers = (): number => {
    let pooled = 0;
    for (const request of pool.waiting()) pooled += requestSize(request);
    return pooled;
  };
  /** Where every player is now, from independent sources: the connections, the queue, the pool itself, the withdrawals. */
  const account = (pooled = pooledPlayers()): Accounting => ({
    arrived: connections.opened,
    queued: service instanceof MatchService ? service.queuedPlayers() : 0,
    pool: pooled,
    matched: matchedPlayers,
    abandoned: abandonedPlayers,
    lost: { ...lost },
  });
  let deliveredAtSample = 0;
  let stalledLeft = 0;
  /** One worker round (or, with retries, a sample of the timeline); returns the players left in the pool. */
  const tick = (now: number): number => {
    const deliveredBefore = channels.delivered;
    if (service instanceof RetryMatchService) {
      // Retries happen on their own events; the tick only samples the timeline.
      const pooled = pooledPlayers();
      events.ticked(now, 0, pooled, roomsSince, roomsSince * roomSize, channels.delivered - deliveredAtSample);
      roomsSince = 0;
      deliveredAtSample = channels.delivered;
      return pooled;
    }
    const queued = queue.length;
    const stall = faults?.worker;
    if (stall !== undefined && (stalledLeft > 0 || stall.draw() < stall.stallProbability)) {
      // A stalled worker neither drains nor matches: the queue grows, and nobody's window widens.
      stalledLeft = stalledLeft > 0 ? stalledLeft - 1 : stall.stallTicks - 1;
      costs.stalledTicks++;
      const pooled = pooledPlayers();
      events.ticked(now, queued, pooled, 0, 0, channels.delivered - deliveredBefore);
      return pooled;
    }
    const round = service.work(now);
    for (const request of round.joined) {
      if (request.members === undefined) joined(now, request.uuid);
      else for (const member of request.members) joined(now, member.uuid);
    }
    for (const room of round.rooms) roomFormed(now, room);
    const pooled = pooledPlayers();
    events.ticked(now, queued, pooled, round.rooms.length, round.rooms.length * roomSize, channels.delivered - deliveredBefore);
    return pooled;
  };
  /** Each kind of fault's count so far, and at the last tick: what struck in between is told at each tick. */
  const faultCounts = (): Record<FaultKind, number> => ({
    stalledTick: costs.stalledTicks,
    dropped: costs.dropped,
    delayed: costs.delayed,
    overCapacity: channels.overCapacity,
    expired: channels.expired,
    disconnected: costs.disconnected,
    cacheCulled: cache.culled,
    cacheExpired: cache.expired,
  });
  let faultsBefore = faultCounts();
  const tellFaults = (now: number): void => {
    const counts = faultCounts();
    for (const kind of FAULT_KINDS) if (counts[kind] > faultsBefore[kind]) events.faulted(now, kind, counts[kind] - faultsBefore[kind]);
    faultsBefore = counts;
  };
  let checks = 0;
  const progress = config.progress;
  kernel.every(0, config.tick, config.end, Priority.TICK, (now) => {
    const accounting = account(tick(now));
    checkConservation(now, accounting);
    population?.check(now, { queued: accounting.queued, pool: accounting.pool });
    if (faults !== undefined) tellFaults(now);
    checks++;
    progress?.(now, connections.opened);
    // A round can be costly (a large pool): the steps pause after each, as well as every EVENTS_PER_STEP events.
    kernel.pause();
  });

  const finish = (): RunStats => {
    // After the last tick, patience may still have run out for some, and delayed messages landed or expired: account for them too.
    if (faults !== undefined) tellFaults(kernel.now);
    const final = account();
    checkConservation(kernel.now, final);
    events.ended(kernel.now);
    const stats = { ...tally.stats(), ...(population ? { population: population.stats() } : {}) };
    if (faults === undefined) return { ...stats, accounting: { ...final, checks: checks + 1 } };
    for (let player = 0; player < connections.opened; player++) {
      const open = connections.isOpen(player);
      if (open && connections.room(player) >= 0 && !connections.isNotified(player) && !connections.isGone(player)) costs.neverNotified++;
    }
    const faultCosts: FaultCosts = {
      stalledTicks: costs.stalledTicks,
      messages: { dropped: costs.dropped, delayed: costs.delayed, overCapacity: channels.overCapacity, expired: channels.expired },
      roomsNotFullyNotified: pendingRooms.size,
      playersLost: { disconnected: costs.disconnected, neverNotified: costs.neverNotified, roomEntryGone: costs.roomEntryGone },
      cache: { expired: cache.expired, culled: cache.culled },
    };
    return { ...stats, accounting: { ...final, checks: checks + 1 }, faults: faultCosts };
  };
  return { kernel, finish };
}
