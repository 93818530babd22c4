// The page's side of computing ahead: starts runs, asks for checkpoints (Promises), pauses and resumes, and
// hands progress to a callback. It runs the AheadServer in a Web Worker; where Worker is missing (prerendering,
// unit tests, old browsers) the same server runs on the page in short slices, so behaviour is the same.

import type { Scenario } from '$lib/engine';
import type { AheadProgress, CheckpointReply } from './ahead';
import type { AheadServer } from './ahead-server';
import { BROWSER_LIMITS, type RunLimits } from './limits';
import type { FromAhead, ToAhead } from './protocol';

export interface AheadHost {
	/** Start computing a run (stops the previous one); returns its id. */
	start(scenario: Scenario, seed: number, limits?: RunLimits): number;
	/** The latest checkpoint at or before t, once the run has reached t (or ended before it). */
	checkpoint(t: number, known: Record<string, number>, history?: number): Promise<CheckpointReply>;
	pause(): void;
	resume(): void;
	dispose(): void;
	/** Where the run is; called a few times a second while it computes, and when it ends. */
	onProgress: (progress: AheadProgress) => void;
	onError: (message: string) => void;
	/** 'worker' or 'page' (where the computing happens). */
	readonly where: 'worker' | 'page';
}

class Host implements AheadHost {
	onProgress: (progress: AheadProgress) => void = () => {};
	onError: (message: string) => void = () => {};
	readonly where: 'worker' | 'page';
	readonly #send: (message: ToAhead) => void;
	readonly #stop: () => void;
	#runId = 0;
	#reqId = 0;
	readonly #waiting = new Map<
		number,
		{ resolve: (r: CheckpointReply) => void; reject: (e: Error) => void }
	>();

	constructor(
		where: 'worker' | 'page',
		connect: (receive: (m: FromAhead) => void) => { send: (m: ToAhead) => void; stop: () => void }
	) {
		this.where = where;
		const link = connect((m) => this.#receive(m));
		this.#send = link.send;
		this.#stop = link.stop;
	}

	start(scenario: Scenario, seed: number, limits: RunLimits = BROWSER_LIMITS): number {
		this.#rejectWaiting('a new run started');
		const runId = ++this.#runId;
		this.#send({ type: 'start', runId, scenario, seed, limits });
		return runId;
	}

	checkpoint(t: number, known: Record<string, number>, history?: number): Promise<CheckpointReply> {
		const reqId = ++this.#reqId;
		return new Promise((resolve, reject) => {
			this.#waiting.set(reqId, { resolve, reject });
			// The page applies every progress's logs before a later reply (onProgress), so none are sent twice.
			this.#send({
				type: 'checkpoint',
				runId: this.#runId,
				reqId,
				t,
				known,
				sinceProgress: true,
				...(history !== undefined ? { history } : {})
			});
		});
	}

	pause(): void {
		this.#send({ type: 'pause', runId: this.#runId });
	}

	resume(): void {
		this.#send({ type: 'resume', runId: this.#runId });
	}

	dispose(): void {
		this.#rejectWaiting('stopped');
		this.#send({ type: 'stop' });
		this.#stop();
	}

	#rejectWaiting(why: string): void {
		for (const w of this.#waiting.values()) w.reject(new Error(why));
		this.#waiting.clear();
	}

	#receive(m: FromAhead): void {
		if (m.type === 'progress') {
			if (m.progress.runId === this.#runId) this.onProgress(m.progress);
		} else if (m.type === 'checkpoint') {
			const w = this.#waiting.get(m.reqId);
			this.#waiting.delete(m.reqId);
			if (!w) return;
			if (m.reply.runId === this.#runId) w.resolve(m.reply);
			else w.reject(new Error('the run changed'));
		} else if (m.runId === this.#runId) this.onError(m.message);
	}
}

function workerHost(): AheadHost {
	return new Host('worker', (receive) => {
		const worker = new Worker(new URL('./ahead.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<FromAhead>) => receive(e.data);
		worker.onerror = (e) => receive({ type: 'error', runId: -1, message: e.message });
		return { send: (m) => worker.postMessage(m), stop: () => worker.terminate() };
	});
}

/**
 * The server on the page itself, in slices short enough never to make a long task. Its code loads when it is
 * first needed (it is not part of the page's first load).
 */
export function pageHost(): AheadHost {
	return new Host('page', (receive) => {
		let stopped = false;
		let server: AheadServer | undefined;
		const queued: ToAhead[] = [];
		void import('./ahead-server').then(({ AheadServer }) => {
			server = new AheadServer({
				// Cloned like postMessage would, so the page never shares objects with the run computing ahead.
				post: (m) => {
					const copy = structuredClone(m);
					queueMicrotask(() => stopped || receive(copy));
				},
				wallNow: () => performance.now(),
				later: (fn) => setTimeout(() => stopped || fn(), 0),
				sliceMs: 8
			});
			for (const m of queued.splice(0)) server.handle(m);
		});
		return {
			send: (m) => {
				const copy = structuredClone(m);
				if (server) server.handle(copy);
				else queued.push(copy);
			},
			stop: () => (stopped = true)
		};
	});
}

/** A Web Worker where the browser has them, the page otherwise. */
export function createAheadHost(): AheadHost {
	if (typeof Worker !== 'undefined') {
		try {
			return workerHost();
		} catch {
			// Fall through to the page (e.g. a policy that forbids workers).
		}
	}
	return pageHost();
}
