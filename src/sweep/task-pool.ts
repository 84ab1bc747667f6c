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
  const pool = new TaskThreads(Math.min(workers, inputs.length));
  try {
    return await pool.run(inputs, progress, name, runProgress);
  } finally {
    await pool.close();
  }
}

/**
 * Threads that run tasks, kept for several batches (a tuning runs one batch
 * a round: starting threads each round would cost more than the runs).
 * With 0 threads, tasks run one after another on this thread.
 */
export class TaskThreads {
  private readonly threads: Worker[];
  /** A batch failed: replies of its other runs may still come, so no further batch is taken. */
  private failed = false;

  constructor(count: number) {
    this.threads = Array.from({ length: Math.max(0, count) }, () => new Worker(new URL('./task-worker.js', import.meta.url)));
  }

  /** Runs a batch; summaries in task order. */
  async run(
    inputs: readonly TaskInput[],
    progress?: Progress,
    name: (index: number) => string = (index) => `sweep run ${index + 1}`,
    runProgress?: (time: number, players: number) => void,
  ): Promise<Summary[]> {
    if (this.failed) throw new Error('a batch of runs failed on these threads: start new ones');
    const results: Summary[] = new Array(inputs.length);
    let done = 0;
    if (this.threads.length === 0) {
      for (let i = 0; i < inputs.length; i++) {
        results[i] = await runTask(inputs[i], runProgress);
        done++;
        progress?.(done, inputs.length);
      }
      return results;
    }
    if (inputs.length === 0) return results;
    const threads = this.threads;
    const listeners: Array<[Worker, (reply: TaskReply) => void, (error: Error) => void]> = [];
    try {
      await new Promise<void>((resolve, fail) => {
        const reject = (error: Error) => {
          this.failed = true;
          fail(error);
        };
        let next = 0;
        const feed = (thread: Worker): void => {
          if (next < inputs.length) {
            const id = next++;
            thread.postMessage({ id, input: inputs[id], ...(runProgress ? { progress: true } : {}) } satisfies TaskRequest);
          }
        };
        for (const thread of threads) {
          const onMessage = (reply: TaskReply) => {
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
          };
          thread.on('message', onMessage);
          thread.on('error', reject);
          listeners.push([thread, onMessage, reject]);
          feed(thread);
        }
      });
    } finally {
      // The threads stay for the next batch; this batch's listeners go.
      for (const [thread, onMessage, onError] of listeners) {
        thread.off('message', onMessage);
        thread.off('error', onError);
      }
    }
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
