import { Worker } from 'node:worker_threads';
import { InputError, MatchsimError } from '../errors.js';
import type { Summary } from '../reports/summary.js';
import { runTask, type TaskInput } from './task.js';
import type { TaskReply, TaskRequest } from './task-worker.js';

/** Called after each task, with how many are done. */
export type Progress = (done: number, total: number) => void;

/**
 * Runs tasks on `workers` threads (0: one after another on this thread) and
 * returns their summaries in task order, whichever finishes first: what is
 * written from them never depends on scheduling.
 */
export async function runTasks(
  inputs: readonly TaskInput[],
  workers: number,
  progress?: Progress,
  /** How an error names the run it came from; '' passes the error's own message on as it is. */
  name: (index: number) => string = (index) => `sweep run ${index + 1}`,
  /** Told how far a run is (simulated time, players), a few times a second: for a single big run on a terminal. */
  runProgress?: (time: number, players: number) => void,
): Promise<Summary[]> {
  const results: Summary[] = new Array(inputs.length);
  let done = 0;
  if (workers <= 0) {
    for (let i = 0; i < inputs.length; i++) {
      results[i] = await runTask(inputs[i], runProgress);
      done++;
      progress?.(done, inputs.length);
    }
    return results;
  }
  const threads = Array.from({ length: Math.min(workers, inputs.length) }, () => new Worker(new URL('./task-worker.js', import.meta.url)));
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      const feed = (thread: Worker): void => {
        if (next < inputs.length) {
          const id = next++;
          thread.postMessage({ id, input: inputs[id], ...(runProgress ? { progress: true } : {}) } satisfies TaskRequest);
        }
      };
      for (const thread of threads) {
        thread.on('message', (reply: TaskReply) => {
          if ('progress' in reply) {
            runProgress?.(reply.progress.time, reply.progress.players);
            return;
          }
          if ('error' in reply) {
            const run = name(reply.id);
            if (reply.fs !== undefined) reject(Object.assign(new Error(reply.error), reply.fs));
            else if (reply.input) reject(run === '' ? InputError.relayed(reply.error) : new InputError(run, undefined, reply.error));
            else if (reply.code !== undefined) reject(new MatchsimError(reply.code, run === '' ? reply.error : `${run}: ${reply.error}`));
            else reject(new Error(`${run || 'run'} failed: ${reply.error}`));
            return;
          }
          results[reply.id] = reply.summary as Summary;
          // Not inside progress?.(...): an absent callback would skip the increment.
          done++;
          progress?.(done, inputs.length);
          if (done === inputs.length) resolve();
          else feed(thread);
        });
        thread.on('error', reject);
        feed(thread);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
