import type { ArrivalSlot, ArrivalSource } from '../arrival-source.js';
import type { Accounting, LossReason } from '../conservation.js';
import type { Connections } from '../connections.js';
import type { GrowableInt32 } from '../growable.js';
import type { Kernel } from '../kernel.js';
import type { CacheLimit, MemoryCache } from '../memory/memory-cache.js';
import type { MemoryChannelLayer, MemoryChannelLayerOptions } from '../memory/memory-channel-layer.js';
import type { MemoryQueue } from '../memory/memory-queue.js';
import type { MatchAlgorithm } from '../pool/match-algorithm.js';
import type { VisitSource } from '../population/visit-source.js';
import type { ChannelLayer } from '../ports.js';
import type { RunEvents } from '../run-events.js';
import type { RunStats, RunTally } from '../run-tally.js';
import type { DroppedMatch } from '../service/acceptance.js';
import type { MatchService, CreatedRoom, JoinedRoom } from '../service/match-service.js';
import type { PlayerRequest } from '../service/player-request.js';
import type { RetryMatchService } from '../service/retry-match-service.js';
import type { CreatePlayerEvent, RoomMember } from '../service/rooms.js';
import type { SimulationConfig } from './simulation-config.js';
import type { PopulationTables } from '../table-batches.js';

/*
 * In the simulator a player is its index (the index-th arrival): the match
 * service sees it as uuid, username and channel name, and a room is the
 * index-th room created. Ids and room names are built only when rows are
 * written (csv-tables.ts).
 */
export type Player = number;
export type Room = number;
export type Request = PlayerRequest<Player>;
export type Channels = MemoryChannelLayer<CreatePlayerEvent<Player>, Room, Player>;
export type RoomCache = MemoryCache<RoomMember<Player>[], Room>;

/**
 * Why a request's players leave unmatched: patience ran out, the session
 * ended (a population), a fault closed the connection, the service timed the
 * request out, or a proposed match failed with a player of the ticket
 * rejecting it or not answering (the service has ended the ticket already).
 */
export type LeaveReason = 'patience' | 'session' | 'disconnect' | 'timeout' | 'rejected';

/** What the faults cost so far, counted by the modules where they strike (see faults.ts for the run's totals). */
export interface FaultCounters {
  stalledTicks: number;
  dropped: number;
  delayed: number;
  disconnected: number;
  neverNotified: number;
  roomEntryGone: number;
}

/** What a run module (run-module.ts) is told, each when it happens; absent ones cost nothing. */
export interface RunHooks {
  /** A request (its first player `leader`, `size` players) arrived and the handler took it. */
  readonly arrived?: (now: number, leader: Player, size: number) => void;
  /** A player's request joined the pool. */
  readonly joined?: (player: Player) => void;
  /** A player's consumer has every create_player event of its room. */
  readonly notified?: (player: Player) => void;
  /** A room formed, its members seated; `teams`: each member's team (0, 1, ...) as the match's rosters say, undefined without rosters. */
  readonly roomFormed?: (now: number, room: number, members: readonly Player[], teams: readonly number[] | undefined) => void;
  /** Players joined a running room (backfill), in the order they joined. */
  readonly roomJoined?: (now: number, room: number, members: readonly Player[], joined: JoinedRoom<Player, Room>) => void;
  /** With acceptance: a match was proposed to its players (the service's proposal id). */
  readonly proposed?: (now: number, proposal: number, tickets: readonly Request[]) => void;
  /** With acceptance: a proposal failed; its returned tickets are back in the pool, its cancelled ones have left. */
  readonly dropped?: (now: number, dropped: DroppedMatch<Player>) => void;
  /** A request's players left unmatched (`withdrawn`: the service took the request back). */
  readonly left?: (leader: Player, withdrawn: boolean, size: number) => void;
  /** Before a worker round: true when the worker does not run it (it stalled). */
  readonly skipsRound?: (now: number) => boolean;
  /** A tick ended: where every player is. */
  readonly ticked?: (now: number, accounting: Accounting) => void;
  /** The run is over (after the last tick, delayed events done): where every player is. */
  readonly ended?: (now: number, accounting: Accounting) => void;
  /** The module's part of the run's stats, asked once at the end. */
  readonly stats?: () => Partial<RunStats>;
}

/** What modules may shape before the service's ports are built (RunModule.configure). */
export interface RunSetup {
  readonly config: SimulationConfig;
  readonly kernel: Kernel;
  readonly connections: Connections;
  readonly faultCounters: FaultCounters;
  /** The in-memory channel layer's settings (capacity, expiry, transport). */
  channelOptions: MemoryChannelLayerOptions;
  cacheLimit: CacheLimit | undefined;
  roomTtl: number;
  /** The service must offer cancelPlayer (a module withdraws waiting requests). */
  cancellable: boolean;
  /** For each reason to leave, whether the service withdraws a request still waiting (cancelPlayer): set by the module that makes players leave for it. */
  readonly cancels: Record<LeaveReason, boolean>;
  /** Arrivals are taken from the source when another module asks (run.arrive), not one after the other. */
  arrivalsOnDemand: boolean;
  /** With a population: what each row of the tables reads of it. */
  populationTables: PopulationTables | undefined;
  /** Wraps the channel layer the service sends through (default: the layer itself). */
  serviceChannels: ((channels: Channels) => ChannelLayer<CreatePlayerEvent<Player>, Room, Player>) | undefined;
  /** Wraps a player's consumer, which reads its messages as they land (default: at once). */
  consumer: ((read: (player: Player) => void) => (player: Player) => void) | undefined;
}

/** The match service as the run drives it: a worker round each tick, or retries on their own events. */
export interface RunService {
  /** The add_player / add_party handler and cancelPlayer. */
  readonly handler: MatchService<Player, Room> | RetryMatchService<Player, Room>;
  /** The handler puts a request in the pool itself (retries): it has joined on arrival. */
  readonly joinsOnArrival: boolean;
  /** Players whose requests wait in the queue. */
  queuedPlayers(): number;
  /** With acceptance: players in proposed matches, waiting for their answers. */
  readonly proposedPlayers?: () => number;
  /** One tick: a worker round (or a sample of the timeline); returns the players left in the pool. */
  round(now: number): number;
}

/** One run's state, shared by its modules (run-module.ts). */
export interface RunContext extends RunSetup {
  readonly events: RunEvents;
  readonly tally: RunTally;
  /** Players per room; with rooms that vary in size (roomSizes), the most. */
  readonly roomSize: number;
  /** With rooms that vary in size (the matcher's smallestRoom): each room's players, by its name (rooms are named 0, 1, ... as created). */
  readonly roomSizes: GrowableInt32 | undefined;
  readonly source: ArrivalSource | VisitSource;
  /** The arrival being taken from the source. */
  readonly slot: ArrivalSlot;
  readonly channels: Channels;
  readonly cache: RoomCache;
  readonly pool: MatchAlgorithm<Request>;
  readonly queue: MemoryQueue<Request>;
  /** What the service's handler and worker use: the cache, the channels as the service sees them, rooms' lifetime and names. */
  readonly ports: { readonly cache: RoomCache; readonly channels: ChannelLayer<CreatePlayerEvent<Player>, Room, Player>; readonly roomTtl: number; readonly nameRoom: (requests: readonly Request[]) => Room };
  /** Players in rooms, players withdrawn after giving up, players withdrawn for other reasons. */
  readonly counts: { matched: number; abandoned: number; readonly lost: Record<LossReason, number> };
  /** Every module's hooks, composed (filled in once every module has started). */
  readonly hooks: RunHooks;
  /** Provided by the service's module. */
  service: RunService;
  /** Provided by the arrivals' module: the arrival in `slot` comes now. */
  arrive: (now: number) => void;
  /** Provided by the arrivals' module: a request of these players (first the leader's score) arrives now, written into the ticket table as it goes to the service; returns its first player. */
  /** `latency`: with data centres, each player's round trips at this visit (read at once: the buffers may be reused). */
  arriveRequest: (now: number, scores: readonly number[], latency: readonly Float64Array[] | undefined, roles?: ReadonlyArray<readonly string[]>) => Player;
  /** Provided by the notifications' module: a new player's connection, subscribed to its channel. */
  connect: () => Player;
  /** Provided by the notifications' module: a room formed; its members are seated. */
  roomFormed: (now: number, room: CreatedRoom<Player, Room>) => void;
  /** Provided by the notifications' module: players joined a running room (a backfill fill); they are seated. */
  roomJoined: (now: number, joined: JoinedRoom<Player, Room>) => void;
  /** With backfill, provided by the module whose matches are backfilled: the team of the seat each of the players just joined took (undefined without teams). */
  joinerTeams: ((room: Room, members: readonly Player[]) => readonly number[] | undefined) | undefined;
  /** A player's request joined the pool. */
  joined(now: number, player: Player): void;
  /** A ticket's request leaves, for `why`: its players (the ticket's party, or itself), withdrawn from the service when still waiting if `cancels[why]`. */
  withdraw(ticket: Player, why: LeaveReason): void;
  /** Players whose requests are in the pool, as the pool itself says. */
  pooledPlayers(): number;
  /** Where every player is now, from independent sources; `pooled` when already counted. */
  account(pooled?: number): Accounting;
}

/** A slot no registered module has filled: the run's modules are incomplete. */
export function unprovided(slot: string): never {
  throw new Error(`no run module provides ${slot} (see engine/run/run-modules.ts)`);
}
