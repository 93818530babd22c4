// Dead-letter cycles: queue a's RedrivePolicy names b and b's names a (or a longer ring). AWS accepts this
// (SQS-DLQ-1 only asks that the DLQ be of the source's type), so it is no parse error; but a message that
// keeps failing then moves round the ring and never comes to rest where someone could inspect it. The CLI summary and "What went wrong" both report it, from the one detection below and the one counter of
// moves along the ring.

import { refId } from './parse';
import type { Scenario } from './schema';

export interface DlqCycle {
	/** Queue node ids in redrive order: each one's dead-letter queue is the next, the last one's the first. */
	queues: string[];
}

export interface DlqCycleReport extends DlqCycle {
	/** Dead-letter moves along the cycle's edges so far (SQS-DLQ-1 `dead-lettered` events). */
	moves: number;
	/** Distinct messages that moved along it. */
	messages: number;
	/** Time of the first such move, when there was one, and the message that made it. */
	firstMoveAt?: number;
	firstMsg?: string;
	firstOrigin?: string;
}

/**
 * Every cycle of RedrivePolicy links between the scenario's queues, each once, starting at its queue that is
 * listed first. References resolve as the models resolve them: a node id, a QueueName or an ARN.
 * Each queue has at most one dead-letter queue, so following the links from any queue ends in a cycle or at
 * a queue without one. Pure.
 */
export function dlqCycles(scenario: Scenario): DlqCycle[] {
	const ids = new Map<string, string>();
	for (const n of scenario.nodes) {
		ids.set(n.id, n.id);
		if (n.type === 'sqs-queue') ids.set(n.QueueName ?? n.id, n.id);
	}
	const resolve = (ref: string) => ids.get(ref) ?? ids.get(refId(ref));
	const dlqOf = new Map<string, string>();
	for (const n of scenario.nodes) {
		if (n.type !== 'sqs-queue' || !n.RedrivePolicy) continue;
		const to = resolve(n.RedrivePolicy.deadLetterTargetArn);
		if (to !== undefined) dlqOf.set(n.id, to);
	}
	const order = new Map(scenario.nodes.map((n, k) => [n.id, k]));
	const done = new Set<string>();
	const cycles: DlqCycle[] = [];
	for (const n of scenario.nodes) {
		if (n.type !== 'sqs-queue' || done.has(n.id)) continue;
		// Follow the links from n, remembering where each queue of this walk was met.
		const walk: string[] = [];
		const at = new Map<string, number>();
		let q: string | undefined = n.id;
		while (q !== undefined && !done.has(q) && !at.has(q)) {
			at.set(q, walk.length);
			walk.push(q);
			q = dlqOf.get(q);
		}
		if (q !== undefined && at.has(q)) {
			const ring = walk.slice(at.get(q));
			// Start at the queue listed first in the scenario, so the report does not depend on where we began.
			let start = 0;
			for (let k = 1; k < ring.length; k++) {
				if ((order.get(ring[k] as string) ?? 0) < (order.get(ring[start] as string) ?? 0)) start = k;
			}
			cycles.push({ queues: [...ring.slice(start), ...ring.slice(0, start)] });
		}
		for (const w of walk) done.add(w);
	}
	return cycles;
}

/** The cycle as text: "a → b → a". */
export function formatDlqCycle(cycle: DlqCycle): string {
	return [...cycle.queues, cycle.queues[0]].join(' → ');
}

/** The fields of a trace event this counter reads (a `dead-lettered` event names its source and its DLQ). */
interface MoveEvent {
	type: string;
	t: number;
	node: string;
	dlq?: string;
	msg?: string;
	origin?: string;
}

/** Counts the dead-letter moves along each cycle, one trace event at a time (so it can be a trace sink). */
export class DlqCycleCounter {
	readonly #cycles: DlqCycle[];
	/** "from\u0000to" → the index of the cycle that edge belongs to. */
	readonly #edges = new Map<string, number>();
	readonly #moves: number[];
	readonly #messages: Set<string>[];
	readonly #first: ({ t: number; msg?: string; origin?: string } | undefined)[];

	constructor(cycles: DlqCycle[]) {
		this.#cycles = cycles;
		cycles.forEach((c, k) => {
			c.queues.forEach((q, i) => this.#edges.set(`${q}\u0000${c.queues[(i + 1) % c.queues.length]}`, k));
		});
		this.#moves = cycles.map(() => 0);
		this.#messages = cycles.map(() => new Set<string>());
		this.#first = cycles.map(() => undefined);
	}

	write(e: MoveEvent): void {
		if (e.type !== 'dead-lettered' || e.dlq === undefined) return;
		const k = this.#edges.get(`${e.node}\u0000${e.dlq}`);
		if (k === undefined) return;
		this.#moves[k] = (this.#moves[k] ?? 0) + 1;
		if (e.msg !== undefined) this.#messages[k]?.add(e.msg);
		if (this.#first[k] === undefined) {
			this.#first[k] = {
				t: e.t,
				...(e.msg !== undefined ? { msg: e.msg } : {}),
				...(e.origin !== undefined ? { origin: e.origin } : {})
			};
		}
	}

	reports(): DlqCycleReport[] {
		return this.#cycles.map((c, k) => {
			const first = this.#first[k];
			return {
				queues: [...c.queues],
				moves: this.#moves[k] ?? 0,
				messages: this.#messages[k]?.size ?? 0,
				...(first !== undefined ? { firstMoveAt: first.t } : {}),
				...(first?.msg !== undefined ? { firstMsg: first.msg } : {}),
				...(first?.origin !== undefined ? { firstOrigin: first.origin } : {})
			};
		});
	}
}

/** What to do about a cycle, in one sentence (shared by the CLI and "What went wrong"). */
export function dlqCycleFix(cycle: DlqCycle): string {
	const last = cycle.queues[cycle.queues.length - 1] as string;
	return `Break the ring: remove ${last}'s RedrivePolicy (or point it at a queue outside the ring), so a message that keeps failing comes to rest in a dead-letter queue, where it can be inspected and moved back with StartMessageMoveTask (SQS-DLQ-4).`;
}
