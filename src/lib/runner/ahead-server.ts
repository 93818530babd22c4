// The loop that computes runs ahead and answers the page, whatever carries its messages: the worker
// (ahead.worker.ts) or the page itself when workers are unavailable (ahead-host.ts). It computes in slices and
// yields between them, so requests (a checkpoint, pause) are answered while a heavy run is still computing. A
// checkpoint request waits until the run has reached its time, or has ended or paused before it.

import { AheadRun } from './ahead';
import type { FromAhead, ToAhead } from './protocol';

/** Progress is posted at most this often (wall ms), and whenever the run changes state. */
const PROGRESS_EVERY_MS = 100;

export class AheadServer {
	readonly #post: (message: FromAhead) => void;
	readonly #wallNow: () => number;
	readonly #later: (fn: () => void) => void;
	readonly #sliceMs: number;
	#run: AheadRun | undefined;
	#requests: {
		reqId: number;
		t: number;
		known: Record<string, number>;
		sinceProgress: boolean;
		history?: number;
	}[] = [];
	#scheduled = false;
	#postedAt = Number.NEGATIVE_INFINITY;

	constructor(options: {
		post: (message: FromAhead) => void;
		wallNow: () => number;
		later: (fn: () => void) => void;
		sliceMs: number;
	}) {
		this.#post = options.post;
		this.#wallNow = options.wallNow;
		this.#later = options.later;
		this.#sliceMs = options.sliceMs;
	}

	handle(message: ToAhead): void {
		switch (message.type) {
			case 'start':
				this.#requests = [];
				try {
					this.#run = new AheadRun(message.runId, message.scenario, message.seed, message.limits);
				} catch (e) {
					this.#run = undefined;
					this.#post({ type: 'error', runId: message.runId, message: (e as Error).message });
					return;
				}
				this.#postedAt = Number.NEGATIVE_INFINITY;
				break;
			case 'checkpoint':
				if (this.#run?.runId !== message.runId) return;
				this.#requests.push({
					reqId: message.reqId,
					t: message.t,
					known: message.known,
					sinceProgress: message.sinceProgress ?? false,
					...(message.history !== undefined ? { history: message.history } : {})
				});
				break;
			case 'pause':
				if (this.#run?.runId === message.runId) this.#run.pause();
				this.#postedAt = Number.NEGATIVE_INFINITY;
				break;
			case 'resume':
				if (this.#run?.runId === message.runId) this.#run.resume();
				this.#postedAt = Number.NEGATIVE_INFINITY;
				break;
			case 'stop':
				this.#run = undefined;
				this.#requests = [];
				return;
		}
		this.#schedule();
	}

	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		this.#later(() => {
			this.#scheduled = false;
			this.#loop();
		});
	}

	#loop(): void {
		const run = this.#run;
		if (!run) return;
		const before = run.state;
		try {
			run.computeFor(this.#sliceMs, this.#wallNow);
		} catch (e) {
			run.state = 'stopped';
			run.message = `The run could not be computed: ${(e as Error).message}`;
			this.#post({ type: 'error', runId: run.runId, message: run.message });
		}
		this.#serve(run);
		const now = this.#wallNow();
		if (run.state !== before || run.state !== 'running' || now - this.#postedAt >= PROGRESS_EVERY_MS) {
			if (run.state === 'running' || this.#postedAt !== Number.POSITIVE_INFINITY) {
				// While a checkpoint request waits, the findings wait: reaching the asked time comes first.
				const waited = this.#requests.length > 0;
				this.#post({ type: 'progress', progress: run.progress(now, this.#wallNow, waited) });
			}
			// A run that ended posts its final progress once.
			this.#postedAt = run.state === 'running' ? now : Number.POSITIVE_INFINITY;
		}
		if (run.state === 'running' || this.#requests.length > 0) this.#schedule();
	}

	/** Answer the checkpoint requests the run can answer now. */
	#serve(run: AheadRun): void {
		const ended = run.state !== 'running';
		this.#requests = this.#requests.filter((r) => {
			if (!ended && r.t > run.frontier) return true;
			this.#post({
				type: 'checkpoint',
				reqId: r.reqId,
				reply: run.checkpoint(r.t, r.known, r.sinceProgress, r.history)
			});
			return false;
		});
	}
}
