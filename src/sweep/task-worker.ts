/** A sweep thread: runs the tasks it is sent, one at a time, and answers with their summaries. */
import { parentPort } from 'node:worker_threads';
import { UserMatcherError } from '../engine/pool/user-module.js';
import { InputError, isFsError, MatchsimError } from '../errors.js';
import { runTask, type TaskInput } from './task.js';

/** `progress`: report how far the run is, a few times a second (a single big run, on a terminal). */
export type TaskRequest = { readonly id: number; readonly input: TaskInput; readonly progress?: boolean };
export type TaskReply =
  | { readonly id: number; readonly summary: unknown }
  | { readonly id: number; readonly progress: { readonly time: number; readonly players: number } }
  /** `input`: bad input or a failing matcher module, to be reported in one line; otherwise a bug, with its stack. `code`: a MatchsimError's. */
  | {
      readonly id: number;
      readonly error: string;
      readonly input: boolean;
      readonly code?: string;
      /** A file-system failure's own fields, so that the main thread reports it as one (the path and the cause). */
      readonly fs?: { readonly code: string; readonly syscall: string; readonly path?: string };
    };

const port = parentPort;
if (port === null) throw new Error('task-worker must run in a worker thread');
port.on('message', (request: TaskRequest) => {
  let last = 0;
  // At most four messages a second: the run calls this after every tick.
  const progress = request.progress
    ? (time: number, players: number) => {
        const at = performance.now();
        if (at - last < 250) return;
        last = at;
        port.postMessage({ id: request.id, progress: { time, players } } satisfies TaskReply);
      }
    : undefined;
  runTask(request.input, progress).then(
    (summary) => port.postMessage({ id: request.id, summary } satisfies TaskReply),
    (error: Error) => {
      const input = error instanceof InputError || error instanceof UserMatcherError;
      const code = error instanceof MatchsimError ? error.code : undefined;
      const fs = isFsError(error) ? { code: error.code as string, syscall: error.syscall as string, ...(error.path !== undefined ? { path: error.path } : {}) } : undefined;
      const oneLine = input || code !== undefined || fs !== undefined;
      port.postMessage({ id: request.id, error: oneLine ? error.message : (error.stack ?? error.message), input, ...(code ? { code } : {}), ...(fs ? { fs } : {}) } satisfies TaskReply);
    },
  );
});
