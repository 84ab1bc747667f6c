import { acceptance } from './acceptance.js';
import { arrivals } from './arrivals.js';
import { conservation } from './conservation.js';
import { channelLimits } from './faults/channel-limits.js';
import { consumerLag } from './faults/consumer-lag.js';
import { delivery } from './faults/delivery.js';
import { disconnect } from './faults/disconnect.js';
import { faultCosts } from './faults/fault-costs.js';
import { roomCache } from './faults/room-cache.js';
import { workerStall } from './faults/worker-stall.js';
import { notifications } from './notifications.js';
import { patience } from './patience.js';
import { population } from './population.js';
import { progress } from './progress.js';
import { requestTimeout } from './request-timeout.js';
import { retries } from './retries.js';
import { sessionBackfill } from './session-backfill.js';
import { backfillStream } from './backfill-stream.js';
import type { RunModule } from './run-module.js';
import { workerRound } from './worker-round.js';

/**
 * The run's modules, in the order they configure, start and hear each
 * event. The order is part of the results: an arrival's patience is drawn
 * and scheduled before its disconnect, and the checks after a tick run in
 * the order given (conservation first). A module that uses a slot another
 * provides comes after it: the notifications (connect, roomFormed) before
 * the service's module, which comes before the arrivals, which call its handler.
 */
export const RUN_MODULES: readonly RunModule[] = [
  notifications,
  workerRound,
  retries,
  arrivals,
  patience,
  requestTimeout,
  acceptance,
  channelLimits,
  delivery,
  consumerLag,
  disconnect,
  roomCache,
  workerStall,
  population,
  sessionBackfill,
  backfillStream,
  conservation,
  faultCosts,
  progress,
];
