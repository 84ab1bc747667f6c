import type { ArrivalSource, ArrivalSlot } from '../scenarios/arrivals.js';
import { Kernel, Priority } from './kernel.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryChannelLayer } from './memory/memory-channel-layer.js';
import { MemoryQueue } from './memory/memory-queue.js';
import { createMatchAlgorithm, type MatcherSettings } from './pool/algorithms.js';
import { poolFor } from './pool/filters.js';
import { Recorder, type RunStats } from './recorder.js';
import { idLookup, type RunSink } from './records.js';
import { MatchService } from './service/match-service.js';
import type { PlayerRequest } from './service/player-request.js';
import { ROOM_TTL_SECONDS, type CreatePlayerEvent, type RoomMember } from './service/rooms.js';

export interface SimulationConfig {
  /** Seconds between worker rounds. */
  readonly tick: number;
  /** Rounds run at 0, tick, 2 tick, ... up to and including this time. */
  readonly end: number;
  readonly matcher: MatcherSettings;
  readonly roomTtl?: number;
  readonly groupExpiry?: number;
  /** Players who give up: each draws a patience at arrival; with `cancel` the service withdraws its request. */
  readonly abandonment?: { readonly patience: () => number; readonly cancel: boolean };
}

/** The simulated game server's view of one player's connection. */
interface Connection {
  readonly index: number;
  /** The room group it was added to, once matched. */
  room: string | undefined;
  notified: boolean;
  /** The player gave up and closed the connection; its request may still be in the pool. */
  gone: boolean;
}

/**
 * Runs the match service on the simulated clock: each arrival calls the
 * add_player handler; each tick runs one worker round; each create_player
 * event is received by the stand-in for the player's game-server consumer,
 * which leaves the room group once it has every member's event (the game
 * itself is not simulated). Deterministic: no wall clock, no unseeded
 * randomness, no iteration over unordered state.
 */
export function simulate(config: SimulationConfig, arrivals: ArrivalSource, sink: RunSink): RunStats {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const recorder = new Recorder(sink, config.matcher.roomSize);
  const idOf = idLookup(arrivals.ids);
  // Open connections by channel name; the simulated game server names each channel after its player's uuid.
  const connections = new Map<string, Connection>();
  const connection = (channel: string): Connection => {
    const found = connections.get(channel);
    if (found === undefined) throw new Error(`no connection for channel ${channel}`);
    return found;
  };
  const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock, groupExpiry: config.groupExpiry });
  /** Once matched and notified, the consumer leaves its room group and its connection closes. */
  const leaveRoom = (channel: string, c: Connection): void => {
    if (c.room !== undefined && c.notified) {
      channels.groupDiscard(c.room, channel);
      channels.unsubscribe(channel);
      connections.delete(channel);
    }
  };
  const connect = (index: number, channel: string): void => {
    const c: Connection = { index, room: undefined, notified: false, gone: false };
    connections.set(channel, c);
    // The consumer's receive loop takes each message off its inbox as it lands.
    channels.subscribe(channel, () => {
      if (channels.receive(channel) === undefined) throw new Error(`delivery to ${channel} left no message`);
      if (recorder.messageReceived(c.index, kernel.now)) {
        c.notified = true;
        leaveRoom(channel, c);
      }
    });
  };
  const queue = new MemoryQueue<PlayerRequest>();
  const pool = createMatchAlgorithm<PlayerRequest>(config.matcher, config.tick);
  const service = new MatchService({
    queue,
    pool,
    cache: new MemoryCache<RoomMember[]>(clock),
    channels,
    roomTtl: config.roomTtl ?? ROOM_TTL_SECONDS,
    cancellable: config.abandonment?.cancel === true,
  });

  const abandonment = config.abandonment;
  /** Patience ran out: a player still waiting leaves, and its connection closes. */
  const giveUp = (channel: string): void => {
    const c = connections.get(channel);
    if (c === undefined || c.room !== undefined) return; // matched in time
    c.gone = true;
    channels.unsubscribe(channel);
    const withdrawn = abandonment?.cancel === true && service.cancelPlayer(channel);
    recorder.left(c.index, kernel.now, withdrawn);
    if (withdrawn) connections.delete(channel);
  };

  const slot: ArrivalSlot = { time: 0, score: 0 };
  const scheduleNextArrival = (): void => {
    if (arrivals.next(slot)) kernel.at(slot.time, Priority.ARRIVAL, arrive);
  };
  const pools = config.matcher.pools;
  const arrive = (now: number): void => {
    const attributes = slot.attributes;
    const index = recorder.arrived(now, slot.score, pools ? poolFor(pools, attributes) : -1);
    const id = idOf(index);
    connect(index, id);
    service.addPlayer(slot.score, id, id, '', id, attributes);
    if (abandonment) kernel.at(now + abandonment.patience(), Priority.ABANDON, () => giveUp(id));
    scheduleNextArrival();
  };
  scheduleNextArrival();

  const members: number[] = [];
  const roomConnections: Connection[] = [];
  kernel.every(0, config.tick, config.end, Priority.TICK, (now) => {
    const queued = queue.length;
    const deliveredBefore = channels.delivered;
    const round = service.work(now);
    for (const request of round.joined) recorder.joined(connection(request.channelName).index, now);
    for (const room of round.rooms) {
      members.length = 0;
      roomConnections.length = 0;
      for (const request of room.players) {
        const c = connection(request.channelName);
        roomConnections.push(c);
        members.push(c.index);
      }
      recorder.roomCreated(now, members);
      for (let m = 0; m < room.players.length; m++) {
        const request = room.players[m];
        const c = roomConnections[m];
        c.room = room.name;
        if (c.gone) {
          // A ghost: its events went to a closed connection, where nobody will read them.
          channels.groupDiscard(room.name, request.channelName);
          recorder.messagesToClosedConnection(channels.unsubscribe(request.channelName));
          connections.delete(request.channelName);
        } else {
          leaveRoom(request.channelName, c);
        }
      }
    }
    const matched = round.rooms.length * config.matcher.roomSize;
    recorder.tick(now, queued, pool.size, round.rooms.length, matched, channels.delivered - deliveredBefore);
  });

  kernel.run();
  return recorder.finish();
}
