/**
 * Decides when a request may start: at most `concurrency` in flight overall and `perHost` to one
 * host, at least `minGapMs` between the starts of two requests to one host, and none to a host
 * before the time a 429 or 503 told us to come back (`backoff`). Waiters of one host are served
 * in order; hosts take turns, so one slow host never holds up the others.
 */
export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  /** Hosts that have waiters, in the order they started waiting. */
  private readonly waiting = new Set<HostState>();
  private active = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;

  constructor(private readonly limits: { readonly concurrency: number; readonly perHost: number; readonly minGapMs: number }) {}

  /**
   * Resolves with a release function once a request to `host` may start; the caller must call
   * it when the request is over (headers read, body cancelled). Rejects when `signal` aborts.
   * `first` puts the request at the head of its host's line.
   */
  acquire(host: string, signal?: AbortSignal, options: { readonly first?: boolean } = {}): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = this.stateOf(host);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = state.queue.indexOf(waiter);
          if (i >= 0) state.queue.splice(i, 1);
          if (state.queue.length === 0) this.waiting.delete(state);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // A check already under way (a retry, a redirect hop, GET after HEAD) goes first: finishing
      // the URLs that were started keeps the run's tail short.
      if (options.first) state.queue.unshift(waiter);
      else state.queue.push(waiter);
      this.waiting.add(state);
      this.pump();
    });
  }

  /** No request to `host` starts before `until` (ms since the epoch). */
  backoff(host: string, until: number): void {
    const state = this.stateOf(host);
    state.notBefore = Math.max(state.notBefore, until);
  }

  /** After a 429 a host gets one request at a time, until `recover` says it answers normally again. */
  slowDown(host: string): void {
    this.stateOf(host).limit = 1;
  }

  recover(host: string): void {
    const state = this.stateOf(host);
    if (state.limit === this.limits.perHost) return;
    state.limit = this.limits.perHost;
    this.pump();
  }

  /** Requests in flight now (all hosts). */
  get inFlight(): number {
    return this.active;
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: -Infinity, notBefore: 0, limit: this.limits.perHost, queue: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(): void {
    const now = Date.now();
    let earliest = Infinity;
    for (const state of this.waiting) {
      if (this.active >= this.limits.concurrency) break;
      while (state.queue.length > 0 && state.active < state.limit && this.active < this.limits.concurrency) {
        const readyAt = Math.max(state.lastStart + this.limits.minGapMs, state.notBefore);
        if (readyAt > now) {
          earliest = Math.min(earliest, readyAt);
          break;
        }
        const waiter = state.queue.shift() as Waiter;
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
        state.active++;
        this.active++;
        state.lastStart = now;
        let released = false;
        waiter.resolve(() => {
          if (released) return;
          released = true;
          state.active--;
          this.active--;
          this.pump();
        });
      }
      if (state.queue.length === 0) this.waiting.delete(state);
    }
    if (this.waiting.size === 0 && this.timer !== undefined) {
      // Nobody waits any more (all served or cancelled): a pending wake-up would only keep the
      // process alive.
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
    }
    if (earliest < this.timerAt) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timerAt = earliest;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      }, Math.max(0, earliest - now));
    }
  }
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface HostState {
  active: number;
  lastStart: number;
  notBefore: number;
  limit: number;
  queue: Waiter[];
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
