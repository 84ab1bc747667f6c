/** A sweep thread: runs the tasks it is sent, one at a time, and answers with their summaries. */
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskInput } from './task.js';

export type TaskRequest = { readonly id: number; readonly input: TaskInput };
export type TaskReply = { readonly id: number; readonly summary: unknown } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('task-worker must run in a worker thread');
port.on('message', (request: TaskRequest) => {
  runTask(request.input).then(
    (summary) => port.postMessage({ id: request.id, summary } satisfies TaskReply),
    (error: Error) => port.postMessage({ id: request.id, error: error.stack ?? error.message } satisfies TaskReply),
  );
});
