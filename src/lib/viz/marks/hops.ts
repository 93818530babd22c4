// The sequence diagram's arrows as data: one per message hop in a window of the trace, each with the verb
// it is — send, publish, deliver, receive, retry, duplicate, delete, dead-letter, redrive, put, process,
// replay, failed — so the arrow can say it. A pure function of the trace events and the lanes.

import type { TraceEvent } from '$lib/engine';

export interface Hop {
	from: string;
	to: string;
	t0: number;
	t1: number;
	/** The short word on the arrow. */
	verb: string;
	/** The longer description (the arrow's accessible name and tooltip). */
	label: string;
	/** How it is drawn (colour): duplicate, retry, dead, failed, redrive, or the verb. */
	kind: string;
	msg?: string;
	origin?: string;
	node: string;
}

export interface HopContext {
	/** The lanes (layout node ids). */
	lanes: ReadonlySet<string>;
	/** Scenario node types by id (a topic's enqueues are deliveries). */
	typeOf: ReadonlyMap<string, string>;
	/** Where each reader reads from (a Kinesis consumer's or Lambda's source). */
	sourceOf: ReadonlyMap<string, string>;
	/** `topic>endpoint` → the lane standing for that endpoint. */
	aliases: ReadonlyMap<string, string>;
	max: number;
}

/** The hops with their end in [from, to], oldest first (at most `ctx.max`). */
export function hopsIn(events: readonly TraceEvent[], from: number, to: number, ctx: HopContext): Hop[] {
	const produced = new Map<string, number>();
	const out: Hop[] = [];
	let k = events.length - 1;
	// Walk back to a minute before the window (a send's arrow starts when it was produced).
	while (k > 0 && (events[k - 1] as TraceEvent).t >= from - 60_000) k--;
	for (; k < events.length && out.length < ctx.max; k++) {
		const e = events[Math.max(0, k)] as TraceEvent;
		if (e.t > to) break;
		if (e.type === 'produced' && e.origin) produced.set(e.origin, e.t);
		if (e.t < from) continue;
		const sentAt = (e.origin !== undefined ? produced.get(e.origin) : undefined) ?? e.t;
		const add = (h: Omit<Hop, 'node' | 'msg' | 'origin'>) => {
			if (!ctx.lanes.has(h.from) || !ctx.lanes.has(h.to)) return;
			out.push({
				...h,
				node: e.node,
				...(e.msg !== undefined ? { msg: e.msg } : {}),
				...(e.origin !== undefined ? { origin: e.origin } : {})
			});
		};
		switch (e.type) {
			case 'enqueued': {
				// A dead-letter queue's enqueue is the other end of the dead-lettered arrow (drawn there).
				if (e.cause === 'redrive') break;
				const fromTopic = ctx.typeOf.get(e.from) === 'sns-topic';
				// SQS-DLQ: a move task (DLQ redrive) sends messages back to their source.
				const verb = e.cause === 'move-task' ? 'redrive' : fromTopic ? 'deliver' : 'send';
				add({
					from: e.from,
					to: e.node,
					t0: fromTopic ? e.t : sentAt,
					t1: e.t,
					verb,
					label: `${verb}${e.cause === 'delay' ? ' (delayed)' : ''} ${e.origin ?? ''}`.trim(),
					kind: verb === 'redrive' ? 'redrive' : verb
				});
				break;
			}
			case 'published':
				add({
					from: e.from,
					to: e.node,
					t0: sentAt,
					t1: e.t,
					verb: 'publish',
					label: 'publish',
					kind: 'publish'
				});
				break;
			case 'received': {
				const verb = e.duplicate ? 'duplicate' : e.receiveCount > 1 ? 'retry' : 'receive';
				add({
					from: e.node,
					to: e.by,
					t0: e.t,
					t1: e.t,
					verb: e.receiveCount > 1 ? `${verb} #${e.receiveCount}` : verb,
					label: `${verb} (receive #${e.receiveCount})`,
					kind: e.duplicate ? 'duplicate' : e.receiveCount > 1 ? 'retry' : 'received'
				});
				break;
			}
			case 'deleted':
				add({ from: e.by, to: e.node, t0: e.t, t1: e.t, verb: 'delete', label: 'delete', kind: 'delete' });
				break;
			case 'dead-lettered':
				add({
					from: e.node,
					to: e.dlq,
					t0: e.t,
					t1: e.t,
					verb: 'dead-letter',
					label: 'dead-letter',
					kind: 'dead'
				});
				break;
			case 'record-put':
				add({
					from: e.from,
					to: e.node,
					t0: sentAt,
					t1: e.t,
					verb: 'put',
					label: `put → ${e.shard}`,
					kind: 'put'
				});
				break;
			case 'record-processed':
				add({
					from: ctx.sourceOf.get(e.by) ?? e.node,
					to: e.by,
					t0: e.t,
					t1: e.t,
					verb: e.replay ? 'replay' : 'process',
					label: `${e.replay ? 'replay' : 'process'} ${e.shard}${e.ok ? '' : ' (failed)'}`,
					kind: e.replay ? 'retry' : 'received'
				});
				break;
			case 'delivery-attempted': {
				const lane = ctx.aliases.get(`${e.node}>${e.endpoint}`);
				const ok = e.outcome === 'success';
				// Deliveries to queues are drawn by their enqueue; to an HTTP/S endpoint lane here.
				if (lane !== undefined && ctx.typeOf.get(lane) === undefined) {
					const verb = ok ? (e.attempt > 1 ? 'retry' : 'deliver') : 'failed';
					add({
						from: e.node,
						to: lane,
						t0: e.t,
						t1: e.t,
						verb: e.attempt > 1 ? `${verb} #${e.attempt}` : verb,
						label: `${verb}: attempt ${e.attempt} ${ok ? 'delivered' : `failed (${e.outcome})`}`,
						kind: ok ? (e.attempt > 1 ? 'retry' : 'deliver') : 'failed'
					});
				} else if (!ok) {
					add({
						from: e.node,
						to: e.node,
						t0: e.t,
						t1: e.t,
						verb: 'failed',
						label: `attempt ${e.attempt} failed`,
						kind: 'failed'
					});
				}
				break;
			}
		}
	}
	return out;
}
