import type { ArrivalSource, ArrivalSlot } from './arrival-source.js';
import { checkConservation, type Accounting, type LossReason } from './conservation.js';
import { Kernel } from './kernel.js';
import { Priority } from './event-priorities.js';
import { faultyTransport, type FaultConfig, type FaultCosts } from './faults.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryChannelLayer } from './memory/memory-channel-layer.js';
import { MemoryQueue } from './memory/memory-queue.js';
import { createMatchAlgorithm, type MatcherSettings } from './pool/algorithms.js';
import { poolFor } from './pool/filters.js';
import { requestSize, type MatchAlgorithm, type SingleRequestMatching } from './pool/match-algorithm.js';
import { Recorder, type RunStats } from './recorder.js';
import { idLookup, type RunSink } from './records.js';
import { MatchService, type CreatedRoom } from './service/match-service.js';
import { playersOf, type PlayerIdentity, type PlayerRequest } from './service/player-request.js';
import { RetryMatchService } from './service/retry-match-service.js';
import { ROOM_TTL_SECONDS, type CreatePlayerEvent, type RoomMember } from './service/rooms.js';
import type { ChannelLayer } from './ports.js';

export interface SimulationConfig {
  /** Seconds between worker rounds (with retries: between samples of the timeline). */
  readonly tick: number;
  /** Rounds run at 0, tick, 2 tick, ... up to and including this time; no retry runs after it. */
  readonly end: number;
  readonly matcher: MatcherSettings & { readonly retry?: { readonly delay: number } };
  readonly roomTtl?: number;
  readonly groupExpiry?: number;
  /** Players who give up: each request draws a patience at arrival; with `cancel` the service withdraws it. */
  readonly abandonment?: { readonly patience: () => number; readonly cancel: boolean };
  /** A party's score from its members' scores (default: their mean). */
  readonly partyScore?: 'mean' | 'max';
  readonly faults?: FaultConfig;
  /** Told after every tick how far the run is (simulated time, players arrived): for a progress line, never for a result. */
  readonly progress?: RunProgress;
}

/** Where a run is: its simulated time and the players arrived so far. */
export type RunProgress = (now: number, players: number) => void;

/** The simulated game server's view of one player's connection. */
interface Connection {
  readonly index: number;
  /** The room group it was added to, once matched. */
  room: string | undefined;
  notified: boolean;
  /** The player gave up and closed the connection; its request may still be in the pool. */
  gone: boolean;
  /** The simulation has recorded its room (the room group may be known earlier, see serviceChannels). */
  seated: boolean;
}

/**
 * Runs the match service on the simulated clock: each arrival calls the
 * add_player handler (add_party for a party); each tick runs one worker round
 * (or, with per-request retries, each request retries on delayed events);
 * each create_player event is received by the stand-in for the player's
 * game-server consumer, which leaves the room group once it has every
 * member's event (the game itself is not simulated). Deterministic: no wall
 * clock, no unseeded randomness, no iteration over unordered state.
 */
export function simulate(config: SimulationConfig, arrivals: ArrivalSource, sink: RunSink): RunStats {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const { matcher } = config;
  const teams = matcher.algorithm === 'teams' && matcher.userModule === undefined ? matcher.teams : undefined;
  const recorder = new Recorder(sink, matcher.roomSize, teams && { count: teams.count, size: teams.size, eloScale: teams.eloScale ?? 400 });
  const idOf = idLookup(arrivals.ids);
  // Open connections by channel name; the simulated game server names each channel after its player's uuid.
  const connections = new Map<string, Connection>();
  const connection = (channel: string): Connection => {
    const found = connections.get(channel);
    if (found === undefined) throw new Error(`no connection for channel ${channel}`);
    return found;
  };
  const faults = config.faults;
  const costs = { stalledTicks: 0, dropped: 0, delayed: 0, disconnected: 0, neverNotified: 0, roomEntryGone: 0 };
  const delivery = faults?.delivery;
  const channels = new MemoryChannelLayer<CreatePlayerEvent>({
    clock,
    groupExpiry: config.groupExpiry,
    ...(faults?.channels ?? {}),
    ...(delivery ? { transport: faultyTransport(delivery, kernel, costs) } : {}),
  });
  /** Rooms still waiting for a member to be notified, with how many (tracked only with faults). */
  const pendingRooms = new Map<string, number>();
  /** Once matched and notified, the consumer leaves its room group and its connection closes. */
  const leaveRoom = (channel: string, c: Connection): void => {
    if (c.seated && c.notified) {
      channels.groupDiscard(c.room as string, channel);
      channels.unsubscribe(channel);
      connections.delete(channel);
    }
  };
  const connect = (index: number, channel: string): void => {
    const c: Connection = { index, room: undefined, notified: false, gone: false, seated: false };
    connections.set(channel, c);
    // The consumer's receive loop takes each message off its inbox as it lands (or, when slow, `lag` later).
    const read = (): void => {
      if (channels.receive(channel) === undefined) {
        // Without faults every landing leaves a message; with them it may have expired, or the connection closed.
        if (faults === undefined) throw new Error(`delivery to ${channel} left no message`);
        return;
      }
      if (recorder.messageReceived(c.index, kernel.now)) {
        c.notified = true;
        if (faults !== undefined) notified(c);
        leaveRoom(channel, c);
      }
    };
    const lag = faults?.consumerLag;
    channels.subscribe(channel, lag === undefined ? read : () => kernel.delay(lag(), Priority.DELIVERY, read));
  };

  /** A player has every event of its room: it reads the room's cache entry, and its room is one member nearer done. */
  const notified = (c: Connection): void => {
    const room = c.room as string;
    if (faults?.cache !== undefined && cache.get(room) === undefined) costs.roomEntryGone++;
    const left = (pendingRooms.get(room) ?? 1) - 1;
    if (left <= 0) pendingRooms.delete(room);
    else pendingRooms.set(room, left);
  };

  const members: number[] = [];
  const roomConnections: Connection[] = [];
  const roomChannels: string[] = [];
  const roomFormed = (now: number, room: CreatedRoom): void => {
    members.length = 0;
    roomConnections.length = 0;
    roomChannels.length = 0;
    for (const request of room.players) {
      for (const player of playersOf(request)) {
        const c = connection(player.channelName);
        roomConnections.push(c);
        roomChannels.push(player.channelName);
        members.push(c.index);
      }
    }
    recorder.roomCreated(now, members);
    for (let m = 0; m < members.length; m++) {
      const c = roomConnections[m];
      const channel = roomChannels[m];
      c.room = room.name;
      c.seated = true;
      if (c.gone) {
        // A ghost: its events went to a closed connection, where nobody will read them.
        channels.groupDiscard(room.name, channel);
        recorder.messagesToClosedConnection(channels.unsubscribe(channel));
        connections.delete(channel);
      } else {
        leaveRoom(channel, c);
      }
    }
  };

  const cache = new MemoryCache<RoomMember[]>(clock, faults?.cache?.limit);
  // With faults the game server's consumer learns its room when added to the group, as it reads the
  // room's cache entry on being notified, which may happen while the room is still being created.
  const serviceChannels: ChannelLayer<CreatePlayerEvent> =
    faults === undefined
      ? channels
      : {
          groupAdd: (group, channel) => {
            const c = connections.get(channel);
            if (c !== undefined) c.room = group;
            pendingRooms.set(group, (pendingRooms.get(group) ?? 0) + 1);
            channels.groupAdd(group, channel);
          },
          groupDiscard: (group, channel) => channels.groupDiscard(group, channel),
          groupSend: (group, message) => channels.groupSend(group, message),
          receive: (channel) => channels.receive(channel),
        };
  const ports = { cache, channels: serviceChannels, roomTtl: config.roomTtl ?? ROOM_TTL_SECONDS };
  const cancellable = config.abandonment?.cancel === true || faults?.disconnect?.cancel === true;
  const pool = createMatchAlgorithm<PlayerRequest>(matcher, config.tick);
  const queue = new MemoryQueue<PlayerRequest>();
  let service: MatchService | RetryMatchService;
  /** Rooms and players matched since the last timeline sample, with retries (rooms form between ticks). */
  let roomsSince = 0;
  if (matcher.algorithm === 'retry' && matcher.userModule === undefined) {
    const retrying = pool as MatchAlgorithm<PlayerRequest> & SingleRequestMatching<PlayerRequest>;
    service = new RetryMatchService({
      ...ports,
      pool: retrying,
      delay: matcher.retry?.delay ?? 2,
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
    service = new MatchService({ ...ports, queue, pool, cancellable });
  }
  const retries = service instanceof RetryMatchService;

  const abandonment = config.abandonment;
  /** Players withdrawn by the service: gave up (abandoned), or lost to a fault, by reason. */
  let abandonedPlayers = 0;
  const lost: Record<LossReason, number> = { disconnected: 0 };
  /**
   * A request's players leave (`players`: their channels, the leader first):
   * patience ran out, or (a fault) their connection closed. A request still
   * waiting is withdrawn when `cancel`; players already matched but not yet
   * notified lose the events still on their way.
   */
  const leave = (players: readonly string[], why: 'patience' | 'disconnect', cancel: boolean): void => {
    const open = players.filter((channel) => connections.has(channel));
    if (open.length === 0) return; // notified and gone, or withdrawn
    const first = connection(open[0]);
    if (first.room !== undefined) {
      if (why === 'patience') return; // matched in time
      for (const channel of open) {
        const c = connection(channel);
        if (c.notified) continue;
        c.gone = true;
        costs.disconnected++;
        recorder.messagesToClosedConnection(channels.unsubscribe(channel));
        connections.delete(channel);
      }
      return;
    }
    const withdrawn = cancel && service.cancelPlayer(players[0]);
    if (withdrawn && why === 'patience') abandonedPlayers += players.length;
    if (withdrawn && why === 'disconnect') lost.disconnected += players.length;
    for (const channel of open) {
      const c = connection(channel);
      if (c.gone) continue;
      c.gone = true;
      if (why === 'disconnect') costs.disconnected++;
      channels.unsubscribe(channel);
      recorder.left(c.index, kernel.now, withdrawn, why === 'patience');
      if (withdrawn) connections.delete(channel);
    }
  };

  const slot: ArrivalSlot = { time: 0, score: 0 };
  const scheduleNextArrival = (): void => {
    if (arrivals.next(slot)) kernel.at(slot.time, Priority.ARRIVAL, arrive);
  };
  const pools = matcher.pools;
  const party: PlayerIdentity[] = [];
  const arrive = (now: number): void => {
    const attributes = slot.attributes;
    const poolIndex = pools ? poolFor(pools, attributes) : -1;
    const size = slot.party ?? 1;
    const leader = recorder.arrived(now, slot.score, poolIndex, size > 1 ? recorder.nextIndex : -1);
    const id = idOf(leader);
    let total = slot.score;
    let best = slot.score;
    for (let k = 1; k < size; k++) {
      if (!arrivals.next(slot) || slot.party !== 0 || slot.time !== now) throw new Error(`party of ${id}: the arrival source gave ${k} of its ${size} players`);
      recorder.arrived(now, slot.score, poolIndex, leader);
      total += slot.score;
      best = Math.max(best, slot.score);
    }
    if (retries) {
      // No queue: the handler itself puts the request in the pool.
      for (let k = 0; k < size; k++) recorder.joined(leader + k, now);
    }
    let partyChannels: readonly string[] | undefined;
    if (size === 1) {
      connect(leader, id);
      service.addPlayer(total, id, id, '', id, attributes);
    } else {
      party.length = 0;
      for (let k = 0; k < size; k++) {
        const member = idOf(leader + k);
        party.push({ uuid: member, username: member, photo: '', channelName: member });
      }
      partyChannels = party.map((p) => p.channelName);
      for (let k = 0; k < size; k++) connect(leader + k, partyChannels[k]);
      service.addParty(config.partyScore === 'max' ? best : total / size, [...party], attributes);
    }
    const players = partyChannels ?? [id];
    if (abandonment) kernel.at(now + abandonment.patience(), Priority.ABANDON, () => leave(players, 'patience', abandonment.cancel));
    const disconnect = faults?.disconnect;
    if (disconnect && disconnect.draw() < disconnect.probability) {
      kernel.at(now + disconnect.after(), Priority.ABANDON, () => leave(players, 'disconnect', disconnect.cancel));
    }
    scheduleNextArrival();
  };
  scheduleNextArrival();

  /** Players whose requests are in the pool (a party counts each of its players), as the pool itself says. */
  const pooledPlayers = (): number => {
    let pooled = 0;
    for (const request of pool.waiting()) pooled += requestSize(request);
    return pooled;
  };
  /** Where every player is now, from independent sources: the recorder, the queue, the pool itself, the withdrawals. */
  const account = (pooled = pooledPlayers()): Accounting => {
    return {
      arrived: recorder.nextIndex,
      queued: service instanceof MatchService ? service.queuedPlayers() : 0,
      pool: pooled,
      matched: recorder.matchedPlayers,
      abandoned: abandonedPlayers,
      lost: { ...lost },
    };
  };
  let checks = 0;
  let deliveredAtSample = 0;
  let stalledLeft = 0;
  const progress = config.progress;
  kernel.every(0, config.tick, config.end, Priority.TICK, (now) => {
    checkConservation(now, account(tick(now)));
    checks++;
    progress?.(now, recorder.nextIndex);
  });
  /** One worker round (or, with retries, a sample of the timeline); returns the players left in the pool. */
  const tick = (now: number): number => {
    const deliveredBefore = channels.delivered;
    if (service instanceof RetryMatchService) {
      // Retries happen on their own events; the tick only samples the timeline.
      const pooled = pooledPlayers();
      recorder.tick(now, 0, pooled, roomsSince, roomsSince * matcher.roomSize, channels.delivered - deliveredAtSample);
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
      recorder.tick(now, queued, pooled, 0, 0, channels.delivered - deliveredBefore);
      return pooled;
    }
    const round = service.work(now);
    for (const request of round.joined) {
      for (const player of playersOf(request)) recorder.joined(connection(player.channelName).index, now);
    }
    for (const room of round.rooms) roomFormed(now, room);
    const pooled = pooledPlayers();
    recorder.tick(now, queued, pooled, round.rooms.length, round.rooms.length * matcher.roomSize, channels.delivered - deliveredBefore);
    return pooled;
  };

  kernel.run();
  // After the last tick, patience may still have run out for some: account for them too.
  const final = account();
  checkConservation(kernel.now, final);
  const stats = recorder.finish();
  if (faults === undefined) return { ...stats, accounting: { ...final, checks: checks + 1 } };
  for (const c of connections.values()) if (c.room !== undefined && !c.notified && !c.gone) costs.neverNotified++;
  const faultCosts: FaultCosts = {
    stalledTicks: costs.stalledTicks,
    messages: { dropped: costs.dropped, delayed: costs.delayed, overCapacity: channels.overCapacity, expired: channels.expired },
    roomsNotFullyNotified: pendingRooms.size,
    playersLost: { disconnected: costs.disconnected, neverNotified: costs.neverNotified, roomEntryGone: costs.roomEntryGone },
    cache: { expired: cache.expired, culled: cache.culled },
  };
  return { ...stats, accounting: { ...final, checks: checks + 1 }, faults: faultCosts };
}
