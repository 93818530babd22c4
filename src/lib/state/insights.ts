// "What went wrong and why": notable events and checker violations turned into plain-language findings with
// their cause taken from the trace, a suggested fix where one is clear, and the time to seek to. Pure: it
// reads the trace and the models' configuration, never changes the run.

import { DlqCycleCounter, dlqCycleFix, dlqCycles, formatDlqCycle } from '$lib/engine';
import type { Simulation, TraceEvent } from '$lib/engine';
import { duplicateDeliveries } from '$lib/engine/checks';
import { checkSimulation, nodesOf } from '$lib/services';

export interface Finding {
	t: number;
	kind:
		| 'violation'
		| 'duplicate'
		| 'processed-twice'
		| 'dead-lettered'
		| 'fifo-blocked'
		| 'expired'
		| 'throttled'
		| 'filtered-all'
		| 'iterator-age'
		| 'delivery-failed'
		| 'out-of-order'
		| 'dlq-cycle';
	title: string;
	detail: string;
	fix?: string;
	node: string;
	msg?: string;
	origin?: string;
	/** dlq-cycle: the queues of the cycle in redrive order, and the dead-letter moves along it so far. */
	queues?: string[];
	moves?: number;
}

const LIMIT_PER_KIND = 25;

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function findInsights(sim: Simulation, events: readonly TraceEvent[]): Finding[] {
	const out: Finding[] = [];
	const queues = new Map(nodesOf(sim.nodes.values(), 'sqs-queue').map((q) => [q.id, q]));
	const push = (f: Finding) => {
		if (out.filter((x) => x.kind === f.kind).length < LIMIT_PER_KIND) out.push(f);
	};

	for (const v of checkSimulation(sim, events)) {
		push({
			t: Number.isFinite(v.t) ? v.t : sim.now(),
			kind: 'violation',
			title: `Invariant broken: ${v.checker} (${v.rule})`,
			detail: v.message,
			node: v.node,
			...(v.msg !== undefined ? { msg: v.msg } : {})
		});
	}

	// Processing spans per (queue, message): when each delivery started and ended processing.
	const started = new Map<string, { t: number; by: string }>();
	const took = new Map<string, number>();
	for (const e of events) {
		if (e.type === 'processing-started') started.set(`${e.queue}|${e.msg}`, { t: e.t, by: e.worker });
		if (e.type === 'processed') {
			const s = started.get(`${e.queue}|${e.msg}`);
			if (s) took.set(`${e.queue}|${e.msg}`, e.t - s.t);
		}
	}

	for (const d of duplicateDeliveries(events)) {
		const q = queues.get(d.node);
		let detail = `${d.origin} was delivered again by ${d.node} (${d.previous + 1} deliveries so far): `;
		let fix: string | undefined;
		if (d.cause === 'copy-missed-delete') {
			detail += 'a copy on another server missed the delete and became visible again (SQS-STD-1).';
			fix = 'Make the consumer idempotent: standard queues deliver at least once.';
		} else if (d.cause === 'visibility-timeout') {
			const spent = took.get(`${d.node}|${d.msg}`);
			const vt = q?.config.VisibilityTimeout;
			detail +=
				spent !== undefined && vt !== undefined && spent > vt * 1000
					? `processing took ${seconds(spent)}, VisibilityTimeout is ${vt} s, so it reappeared before it was deleted (SQS-STD-4).`
					: 'it was not deleted before its visibility timeout ran out (SQS-STD-4).';
			fix = 'Raise VisibilityTimeout above the processing time, or extend it with a heartbeat.';
		} else if (d.cause === 'visibility-changed') {
			detail +=
				'its consumer released it with ChangeMessageVisibility(0), so it was visible again at once (SQS-STD-5).';
			fix =
				'Expected after a failure that is released for retry; make the consumer idempotent if a retry must not repeat side effects.';
		} else if (d.cause === 'redrive' || d.cause === 'move-task') {
			detail += `it arrived again through ${d.cause === 'redrive' ? 'the dead-letter queue' : 'a message move task'}.`;
		} else detail += `cause: ${d.cause}.`;
		push({
			t: d.t,
			kind: 'duplicate',
			title: `Duplicate delivery of ${d.origin}`,
			detail,
			...(fix ? { fix } : {}),
			node: d.node,
			msg: d.msg,
			origin: d.origin
		});
	}

	const fifoHeld = new Map<string, { t: number; msg: string; origin?: string }>();
	const published = new Map<string, number>();
	const filtered = new Map<string, number>();
	const throttles = new Map<string, { t: number; n: number; node: string }>();
	for (const e of events) {
		switch (e.type) {
			case 'processed':
				if (e.ok && e.again) {
					push({
						t: e.t,
						kind: 'processed-twice',
						title: `${e.origin} processed twice`,
						detail: `${e.worker} processed ${e.origin} again: the consumer is not idempotent, so the duplicate had an effect.`,
						fix: 'Remember processed message ids (an idempotent consumer) or make the effect idempotent.',
						node: e.node,
						...(e.msg !== undefined ? { msg: e.msg } : {}),
						...(e.origin !== undefined ? { origin: e.origin } : {})
					});
				}
				break;
			case 'dead-lettered':
				push({
					t: e.t,
					kind: 'dead-lettered',
					title: `${e.origin ?? e.msg} moved to ${e.dlq}`,
					detail: `It had been received ${e.receiveCount} times (maxReceiveCount ${e.maxReceiveCount}) without being deleted, so the next receive moved it (SQS-DLQ-1).`,
					fix: 'Inspect the message in the DLQ; fix the consumer, then redrive it with StartMessageMoveTask.',
					node: e.node,
					...(e.msg !== undefined ? { msg: e.msg } : {}),
					...(e.origin !== undefined ? { origin: e.origin } : {})
				});
				break;
			case 'expired':
				push({
					t: e.t,
					kind: 'expired',
					title: `${e.origin ?? e.msg} expired unread`,
					detail: `It spent ${seconds(e.ageMs)} in ${e.node}, longer than MessageRetentionPeriod (SQS-STD-9).`,
					fix: 'Consume faster, or raise MessageRetentionPeriod.',
					node: e.node,
					...(e.msg !== undefined ? { msg: e.msg } : {})
				});
				break;
			case 'received':
				if (e.groupId !== undefined)
					fifoHeld.set(`${e.node}|${e.groupId}`, {
						t: e.t,
						msg: e.msg as string,
						...(e.origin ? { origin: e.origin } : {})
					});
				break;
			case 'deleted': {
				for (const [k, h] of fifoHeld) {
					if (h.msg !== e.msg || !k.startsWith(`${e.node}|`)) continue;
					fifoHeld.delete(k);
					const heldMs = e.t - h.t;
					if (heldMs >= 5_000) {
						const group = k.slice(e.node.length + 1);
						push({
							t: h.t,
							kind: 'fifo-blocked',
							title: `FIFO group ${group} blocked for ${seconds(heldMs)}`,
							detail: `${h.origin ?? h.msg} was in flight for ${seconds(heldMs)}; no later message of group ${group} could be received meanwhile (SQS-FIFO-5). Other groups kept flowing.`,
							fix: 'Keep slow work out of the ordered path, or use more, finer-grained message groups.',
							node: e.node,
							msg: h.msg,
							...(h.origin ? { origin: h.origin } : {})
						});
					}
				}
				break;
			}
			case 'published':
				published.set(e.node, (published.get(e.node) ?? 0) + 1);
				break;
			case 'filtered-out': {
				const k = `${e.node}|${e.subscription}|${e.endpoint}`;
				filtered.set(k, (filtered.get(k) ?? 0) + 1);
				break;
			}
			case 'put-throttled': {
				const k = `${e.node}|${e.shard}|${Math.floor(e.t / 1000)}`;
				const x = throttles.get(k) ?? { t: e.t, n: 0, node: e.node };
				x.n++;
				throttles.set(k, x);
				break;
			}
			case 'batch-invoked':
				if ((e.iteratorAgeMs ?? 0) > 30_000) {
					push({
						t: e.t,
						kind: 'iterator-age',
						title: `IteratorAge ${seconds(e.iteratorAgeMs ?? 0)} at ${e.worker}`,
						detail: `The batch being invoked is ${seconds(e.iteratorAgeMs ?? 0)} behind the stream: a failing batch is blocking its shard (ESM-KIN-3) or the function is too slow.`,
						fix: 'Enable BisectBatchOnFunctionError and set MaximumRetryAttempts / MaximumRecordAgeInSeconds with an on-failure destination.',
						node: e.node
					});
				}
				break;
			case 'delivery-dead-lettered':
			case 'delivery-dropped':
				push({
					t: e.t,
					kind: 'delivery-failed',
					title: `SNS delivery ${e.type === 'delivery-dropped' ? 'dropped' : 'dead-lettered'} after ${e.attempts} attempts`,
					detail: `${e.origin ?? e.msg} could not be delivered to ${e.subscription.split(':').pop()} (${e.cause}). ${
						e.cause === 'client-error'
							? 'Client-side errors are never retried (SNS-DLQ-2).'
							: 'The retry policy was used up (SNS-RETRY-1).'
					}`,
					...(e.type === 'delivery-dropped'
						? {
								fix: 'Give the subscription a dead-letter queue (RedrivePolicy) so failed messages are kept.'
							}
						: {}),
					node: e.node,
					...(e.msg !== undefined ? { msg: e.msg } : {})
				});
				break;
		}
	}
	// Out-of-order processing: a consumer processed message n of a producer after a later one (SQS-STD-1).
	const highest = new Map<string, number>();
	const highestOrigin = new Map<string, string>();
	const groupOf = new Map<string, string>();
	const late = new Map<string, { n: number; t: number; example: string; node: string; sameGroup: boolean }>();
	for (const e of events) {
		if (e.type === 'received' && e.groupId !== undefined && e.origin !== undefined)
			groupOf.set(e.origin, e.groupId);
		if (e.type !== 'processed' || !e.ok || e.origin === undefined) continue;
		const m = /^(.*)-(\d+)$/.exec(e.origin);
		if (!m) continue;
		const key = `${e.node}|${m[1]}`;
		const n = Number(m[2]);
		const top = highest.get(key) ?? -1;
		if (n < top) {
			const group = groupOf.get(e.origin);
			const sameGroup = group !== undefined && group === groupOf.get(highestOrigin.get(key) ?? '');
			const x = late.get(key) ?? { n: 0, t: e.t, example: e.origin, node: e.node, sameGroup };
			x.n++;
			late.set(key, x);
		} else {
			highest.set(key, n);
			highestOrigin.set(key, e.origin);
		}
	}
	for (const [key, x] of late) {
		const producer = key.split('|')[1];
		const fifo = [...queues.values()].some((q) => q.fifo);
		push({
			t: x.t,
			kind: 'out-of-order',
			title: `${x.n} messages from ${producer} processed out of order by ${x.node}`,
			detail: `For example ${x.example} was processed after a later message${x.sameGroup ? ' of its own FIFO group' : ''}. ${
				x.sameGroup
					? 'The queue served the group in order (SQS-FIFO-5: nothing behind a message in flight is returned), but a failed message came back ahead of the rest of its batch, which the worker still held and finished first.'
					: fifo
						? 'Order holds only within a FIFO message group (SQS-FIFO-2); across groups, and with several workers, there is no order.'
						: 'Standard queues give best-effort order only (SQS-STD-1), and several workers overtake each other.'
			}`,
			fix: x.sameGroup
				? 'When one message of a FIFO batch fails, give up the rest of the batch too (release or leave them), as Lambda asks of FIFO batches (ESM-SQS-4).'
				: 'If order matters, use a FIFO queue with a message group per entity, or order by a sequence number in the consumer.',
			node: x.node,
			origin: x.example
		});
	}
	for (const [k, n] of filtered) {
		const [topic, , endpoint] = k.split('|') as [string, string, string];
		if (n >= 10 && n === published.get(topic)) {
			push({
				t: 0,
				kind: 'filtered-all',
				title: `Every message was filtered out for ${endpoint.split(':').pop()}`,
				detail: `None of the ${n} messages published to ${topic} matched this subscription's filter policy (SNS-FP-1).`,
				fix: 'Check the policy keys against the message attributes (or set FilterPolicyScope to MessageBody).',
				node: topic
			});
		}
	}
	for (const [k, x] of throttles) {
		push({
			t: x.t,
			kind: 'throttled',
			title: `${x.n} puts throttled on ${k.split('|')[1]}`,
			detail: `Within one second, ${x.n} records went over the shard's write limit (1 MiB/s or 1,000 records/s, KIN-4): one partition key is too hot for one shard.`,
			fix: 'Spread the load over more partition keys, or split the hot shard.',
			node: x.node
		});
	}
	// A dead-letter cycle (SQS-DLQ-1 allows it): found in the configuration, counted in the trace.
	const cycles = new DlqCycleCounter(dlqCycles(sim.scenario));
	for (const e of events) if (e.type === 'dead-lettered') cycles.write(e);
	for (const c of cycles.reports()) {
		const links = c.queues
			.map((q, k) => `${q}'s dead-letter queue is ${c.queues[(k + 1) % c.queues.length]}`)
			.join(', ');
		const moved =
			c.moves === 0
				? 'No message has moved around it yet.'
				: `Messages have moved along it ${c.moves} ${c.moves === 1 ? 'time' : 'times'} (${c.messages} ${c.messages === 1 ? 'message' : 'messages'}), the first at ${seconds(c.firstMoveAt ?? 0)}.`;
		push({
			t: c.firstMoveAt ?? 0,
			kind: 'dlq-cycle',
			title: `Dead-letter cycle ${formatDlqCycle(c)}`,
			detail: `${links}: AWS accepts the loop (SQS-DLQ-1), but a message that keeps failing moves round it and never comes to rest. ${moved}`,
			fix: dlqCycleFix(c),
			node: c.queues[0] as string,
			...(c.firstMsg !== undefined ? { msg: c.firstMsg } : {}),
			...(c.firstOrigin !== undefined ? { origin: c.firstOrigin } : {}),
			queues: c.queues,
			moves: c.moves
		});
	}
	return out.sort((a, b) => a.t - b.t);
}
