import type { ArrivalSource, ArrivalSlot } from '../scenarios/arrivals.js';
import { Kernel, Priority } from './kernel.js';
import { MemoryCache } from './memory/memory-cache.js';
import { MemoryChannelLayer } from './memory/memory-channel-layer.js';
import { MemoryQueue } from './memory/memory-queue.js';
import { createMatchAlgorithm, type MatcherSettings } from './pool/algorithms.js';
import { Recorder, type RunStats } from './recorder.js';
import type { RunSink } from './records.js';
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
}

/**
 * Runs the match service on the simulated clock: each arrival calls the
 * add_player handler; each tick runs one worker round; each create_player
 * event is received by the stand-in for the player's game-server consumer.
 * Deterministic: no wall clock, no unseeded randomness, no unordered iteration.
 */
export function simulate(config: SimulationConfig, arrivals: ArrivalSource, sink: RunSink): RunStats {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const recorder = new Recorder(sink, config.matcher.roomSize, (i) => arrivals.idOf(i));
  // The game server's view: each waiting player's channel, to the player's index.
  const byChannel = new Map<string, number>();
  const channels = new MemoryChannelLayer<CreatePlayerEvent>({
    clock,
    groupExpiry: config.groupExpiry,
    onDeliver: (channel) => {
      // The consumer's receive loop takes the message off its inbox at once.
      while (channels.receive(channel) !== undefined) {
        const index = byChannel.get(channel);
        if (index === undefined) throw new Error(`message for unknown channel ${channel}`);
        recorder.messageReceived(index, kernel.now);
      }
    },
  });
  const queue = new MemoryQueue<PlayerRequest>();
  const pool = createMatchAlgorithm<PlayerRequest>(config.matcher, config.tick);
  const service = new MatchService({
    queue,
    pool,
    cache: new MemoryCache<RoomMember[]>(clock),
    channels,
    roomTtl: config.roomTtl ?? ROOM_TTL_SECONDS,
  });

  const slot: ArrivalSlot = { time: 0, score: 0 };
  const scheduleNextArrival = (): void => {
    if (!arrivals.next(slot)) return;
    kernel.at(slot.time, Priority.ARRIVAL, arrive);
  };
  const arrive = (now: number): void => {
    const index = recorder.arrived(now, slot.score);
    const id = arrivals.idOf(index);
    // The simulated game server names each player's channel after its uuid.
    byChannel.set(id, index);
    service.addPlayer(slot.score, id, id, '', id);
    scheduleNextArrival();
  };
  scheduleNextArrival();

  const members: number[] = [];
  kernel.every(0, config.tick, config.end, Priority.TICK, (now) => {
    const queued = queue.length;
    const deliveredBefore = channels.delivered;
    const round = service.work(now);
    for (const request of round.joined) recorder.joined(indexOf(byChannel, request), now);
    for (const room of round.rooms) {
      members.length = 0;
      for (const request of room.players) {
        members.push(indexOf(byChannel, request));
        byChannel.delete(request.channelName);
      }
      recorder.roomCreated(room.name, now, members);
    }
    recorder.tick({
      time: now,
      queue: queued,
      pool: pool.size,
      rooms: round.rooms.length,
      matched: round.rooms.length * config.matcher.roomSize,
      messages: channels.delivered - deliveredBefore,
    });
  });

  kernel.run();
  return recorder.finish();
}

function indexOf(byChannel: Map<string, number>, request: PlayerRequest): number {
  const index = byChannel.get(request.channelName);
  if (index === undefined) throw new Error(`request from unknown channel ${request.channelName}`);
  return index;
}
