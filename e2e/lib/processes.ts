import { ChildProcess, spawn, spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';

/**
 * The daemons the suite starts (etcd, kube-apiserver, kube-controller-manager, the node's), each with
 * its log in a file, and the settings it made on the machine (a network namespace, cgroups, kernel
 * tunables), all stopped or undone on exit, newest first: normal end, failure, Ctrl-C or SIGTERM.
 * Nothing is left running and nothing is left changed.
 */
export class Daemons {
  private readonly stack: ({ kind: 'daemon'; name: string; child: ChildProcess } | { kind: 'undo'; name: string; undo: () => void })[] = [];

  private readonly stopping: ChildProcess[] = [];

  /** What could not be undone, for the report's last check. */
  readonly undoFailures: string[] = [];

  constructor() {
    // On the way out there is no time to wait for a graceful stop: kill outright, leave nothing behind.
    const killAll = () => this.killAll();
    process.once('exit', killAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        killAll();
        process.exit(130);
      });
    }
  }

  /** Starts `command`, its stdout and stderr appended to `log`. */
  start(name: string, command: string, args: readonly string[], log: string, env?: NodeJS.ProcessEnv): RunningDaemon {
    const fd = fs.openSync(log, 'a');
    // A process group of its own, so stopping it also stops whatever it forked.
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], detached: true, env: env ?? process.env });
    fs.closeSync(fd);
    this.stack.push({ kind: 'daemon', name, child });
    return new RunningDaemon(name, child, log);
  }

  /**
   * Registers how to undo a change to the machine; it runs when everything started after it has
   * stopped. Synchronous, so that it also runs on the way out of a signal.
   */
  atStop(name: string, undo: () => void): void {
    this.stack.push({ kind: 'undo', name, undo });
  }

  /** Kills every daemon's process group at once, then undoes: for the way out, when there is no time to wait. */
  killAll(): void {
    const entries = this.stack.splice(0).reverse();
    for (const entry of entries) {
      if (entry.kind !== 'daemon') continue;
      this.stopping.push(entry.child);
      if (exited(entry.child) || entry.child.pid === undefined) continue;
      try { process.kill(-entry.child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    for (const entry of entries) if (entry.kind === 'undo') this.runUndo(entry);
  }

  /** Daemons whose process is still there (none, after stopGracefully). */
  stillRunning(): number[] {
    return this.stopping.filter(c => c.pid !== undefined && alive(c.pid)).map(c => c.pid!);
  }

  /**
   * Stops the daemons one by one, newest first, so the API server shuts down while etcd still
   * answers: SIGTERM, then SIGKILL for one still there after `graceMs`, waiting (bounded) until each
   * has really exited; each undo runs in its turn.
   */
  async stopGracefully(graceMs = 10_000): Promise<void> {
    for (const entry of this.stack.splice(0).reverse()) {
      if (entry.kind === 'undo') { this.runUndo(entry); continue; }
      const { child } = entry;
      this.stopping.push(child);
      for (const [signal, waitMs] of [['SIGTERM', graceMs], ['SIGKILL', 5_000]] as const) {
        if (exited(child) || child.pid === undefined) break;
        try { process.kill(-child.pid, signal); } catch { /* gone */ }
        const deadline = Date.now() + waitMs;
        while (!exited(child) && Date.now() < deadline) await sleep(100);
      }
    }
  }

  private runUndo(entry: { name: string; undo: () => void }): void {
    try {
      entry.undo();
    } catch (error) {
      this.undoFailures.push(`${entry.name}: ${(error as Error).message}`);
      console.error(`e2e: could not undo ${entry.name}: ${(error as Error).message}`);
    }
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class RunningDaemon {
  constructor(readonly name: string, readonly child: ChildProcess, readonly log: string) {}

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The last lines of its log, for failure messages. */
  tail(lines = 15): string {
    const text = fs.existsSync(this.log) ? fs.readFileSync(this.log, 'utf8') : '';
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Stops it before the run ends (the run's end stops it anyway): SIGTERM, then SIGKILL, waiting until it has exited. */
  async stop(graceMs = 10_000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    for (const [signal, waitMs] of [['SIGTERM', graceMs], ['SIGKILL', 5_000]] as const) {
      if (this.exited) return;
      try { process.kill(-pid, signal); } catch { /* gone */ }
      const deadline = Date.now() + waitMs;
      while (!this.exited && Date.now() < deadline) await sleep(100);
    }
  }

  /** Its peak resident memory so far in MiB (VmHWM), or undefined once it has exited. */
  peakRssMiB(): number | undefined {
    try {
      const kib = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      return kib === undefined ? undefined : Math.round(Number(kib) / 1024);
    } catch {
      return undefined;
    }
  }
}

/** The status of a GET to a local health endpoint (a self-signed serving certificate is accepted); 0 when nothing answers. */
export function httpStatus(url: string): Promise<number> {
  return new Promise(resolve => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { timeout: 2000, rejectUnauthorized: false }, response => { response.resume(); resolve(response.statusCode ?? 0); });
    request.on('error', () => resolve(0));
    request.on('timeout', () => { request.destroy(); resolve(0); });
  });
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Blocks the thread for `ms`: for undo steps, which must also run synchronously on the way out. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Polls `ready` until it returns true, at most `timeoutMs`; fails with `describe()` (e.g. the last
 * lines of a log) when it never does or when `gaveUp()` says waiting is pointless (the process died).
 */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean> | boolean,
  options: { timeoutMs: number; intervalMs?: number; gaveUp?: () => boolean; describe?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await ready()) return;
    const dead = options.gaveUp?.() ?? false;
    if (dead || Date.now() > deadline) {
      const detail = options.describe ? `\n${options.describe()}` : '';
      throw new HarnessError(`${what}: ${dead ? 'the process exited' : `not ready within ${Math.round(options.timeoutMs / 1000)} s`}${detail}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** A failure of the suite's own setup (not of the code under test), printed without a stack trace. */
export class HarnessError extends Error {}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion without blocking the event loop (so several can run at once); never throws on a non-zero exit. */
export function runAsync(command: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', error => reject(new HarnessError(`${command}: ${error.message}`)));
    child.on('close', status => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Runs a command to completion; never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): CommandResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  if (result.error) throw new HarnessError(`${command}: ${result.error.message}`);
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}
