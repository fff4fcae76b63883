import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Transferable, Worker } from 'worker_threads';
import { packageRoot } from '../package-root';

/**
 * The second thread: loads `entry` (through the TypeScript loader when it is a .ts source), then calls
 * its export `fn` once per message, in order, collecting what the calls return. On `done` it replies
 * with the collected results, or with the first failure, and wakes the waiting caller. A failure to
 * load is kept and replied too, so the caller never waits for a thread that cannot answer.
 */
const THREAD = `
const { parentPort, workerData } = require('worker_threads');
const { entry, fn, register, replies } = workerData;
let call;
let failure;
try {
  if (register) require(register);
  call = require(entry)[fn];
  if (typeof call !== 'function') throw new Error(entry + ' has no function ' + fn);
} catch (error) {
  failure = String(error && error.stack || error);
}
const results = [];
parentPort.on('message', (message) => {
  if (message.done) {
    replies.postMessage(failure === undefined ? { results } : { failure });
    Atomics.store(message.done, 0, 1);
    Atomics.notify(message.done, 0);
    parentPort.close();
    return;
  }
  if (failure !== undefined) return;
  try {
    const returned = call(...message.args);
    if (Array.isArray(returned)) for (const result of returned) results.push(result);
  } catch (error) {
    failure = String(error && error.message || error);
  }
});
`;

/**
 * Runs `fn` of module `entry` on a second thread, once per `call()`, in order, while the caller goes
 * on. `finish()` blocks until every call ran and returns what they returned (arrays are concatenated),
 * or throws the first failure: to the caller it is a series of synchronous calls that all returned by
 * then. Arguments are copied to the thread (structured clone) unless transferred.
 */
export class ThreadQueue<T> {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private finished = false;

  /** `entry`: a built-in module name, or an absolute path to a module of this package (.ts or .js). */
  constructor(entry: string, fn: string) {
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    const register = path.extname(entry) === '.ts' ? path.join(packageRoot(), 'bin', 'register.js') : undefined;
    this.worker = new Worker(THREAD, { eval: true, workerData: { entry, fn, register, replies: port2 }, transferList: [port2] });
    // The caller always waits in finish(); an unfinished queue must not keep the process alive.
    this.worker.unref();
  }

  public call(args: readonly unknown[], transfer: readonly Transferable[] = []): void {
    if (this.finished) throw new Error('ThreadQueue: call after finish');
    this.worker.postMessage({ args }, [...transfer]);
  }

  /** Stops the thread without waiting for what is queued (when the caller gives up on the results). */
  public abandon(): void {
    if (this.finished) return;
    this.finished = true;
    this.replies.close();
    void this.worker.terminate();
  }

  /** Blocks until every call ran; returns their results in order, or throws the first failure. Call once. */
  public finish(): T[] {
    if (this.finished) throw new Error('ThreadQueue: already finished or abandoned');
    this.finished = true;
    const done = new Int32Array(new SharedArrayBuffer(4));
    this.worker.postMessage({ done });
    Atomics.wait(done, 0, 0);
    const reply = receiveMessageOnPort(this.replies)?.message as { results: T[] } | { failure: string } | undefined;
    this.replies.close();
    if (reply === undefined) throw new Error('ThreadQueue: the thread ended without replying');
    if ('failure' in reply) throw new Error(reply.failure);
    return reply.results;
  }
}
