// Named invariants over an SQS trace (DESIGN §1 "checkers are separate from models"). Each reads only trace
// events, so the same functions serve property tests, the CLI and the UI's "what went wrong" panel.

import type { TraceEvent } from '../trace';
import type { Violation } from './violation';
import { violationAt } from './violation-at';

const FINAL = new Set(['deleted', 'dead-lettered', 'expired', 'purged', 'move-task-moved']);

const key = (node: string, msg: string | undefined) => `${node}\u0000${msg ?? ''}`;

/**
 * Conservation: every enqueued message is, at each moment, in exactly one place — in the queue (delayed,
 * available, in flight) or finished (deleted, dead-lettered, expired, purged, moved). Nothing is finished
 * twice or touched after it finished; every dead-lettered or moved message arrives at its destination.
 * With `live`, the number still in each queue at the end must match the queue's own counts.
 */
export function checkConservation(
	events: Iterable<TraceEvent>,
	options: { live?: Record<string, number> } = {}
): Violation[] {
	const out: Violation[] = [];
	const instances = new Map<string, number>();
	/** Messages that must arrive at another node at the same instant: [t, node, origin]. */
	const expected: { t: number; from: string; to: string; origin: string | undefined; what: string }[] = [];
	const arrivals = new Map<string, number>();
	const bump = (k: string, by: number) => instances.set(k, (instances.get(k) ?? 0) + by);
	for (const e of events) {
		const k = key(e.node, e.msg);
		switch (e.type) {
			case 'enqueued': {
				bump(k, 1);
				const a = `${e.t}\u0000${e.node}\u0000${e.origin ?? ''}`;
				arrivals.set(a, (arrivals.get(a) ?? 0) + 1);
				break;
			}
			case 'copy-missed-delete':
				bump(k, 1); // SQS-STD-1: a stray copy lives on.
				break;
			case 'received':
			case 'visibility-expired':
			case 'delay-elapsed':
				if ((instances.get(k) ?? 0) <= 0) {
					out.push({
						checker: 'conservation',
						rule: 'SQS-STD-4',
						t: e.t,
						node: e.node,
						...(e.msg !== undefined ? { msg: e.msg } : {}),
						message: `${e.type} for message ${e.msg} that is not in the queue`
					});
				}
				break;
			default:
				if (!FINAL.has(e.type)) break;
				if ((instances.get(k) ?? 0) <= 0) {
					out.push({
						checker: 'conservation',
						rule: 'SQS-STD-1',
						t: e.t,
						node: e.node,
						...(e.msg !== undefined ? { msg: e.msg } : {}),
						message: `message ${e.msg} ${e.type} but it was no longer in the queue`
					});
				} else bump(k, -1);
				if (e.type === 'dead-lettered') {
					const d = e;
					expected.push({ t: e.t, from: e.node, to: d.dlq, origin: e.origin, what: 'dead-lettered' });
				}
				if (e.type === 'move-task-moved') {
					const m = e;
					expected.push({ t: e.t, from: e.node, to: m.to, origin: e.origin, what: 'moved' });
				}
		}
	}
	for (const x of expected) {
		const a = `${x.t}\u0000${x.to}\u0000${x.origin ?? ''}`;
		const n = arrivals.get(a) ?? 0;
		if (n > 0) arrivals.set(a, n - 1);
		else {
			out.push({
				checker: 'conservation',
				rule: x.what === 'moved' ? 'SQS-DLQ-4' : 'SQS-DLQ-1',
				t: x.t,
				node: x.from,
				...(x.origin !== undefined ? { origin: x.origin } : {}),
				message: `a message ${x.what} from ${x.from} never arrived in ${x.to} (lost)`
			});
		}
	}
	if (options.live) {
		const perNode = new Map<string, number>();
		for (const [k, n] of instances) {
			const node = k.split('\u0000')[0] as string;
			perNode.set(node, (perNode.get(node) ?? 0) + n);
		}
		for (const [node, live] of Object.entries(options.live)) {
			const traced = perNode.get(node) ?? 0;
			if (traced !== live) {
				out.push({
					checker: 'conservation',
					rule: 'SQS-STD-1',
					t: Number.NaN,
					node,
					message: `the trace leaves ${traced} messages in ${node} but the queue holds ${live}`
				});
			}
		}
	}
	return out;
}

interface GroupState {
	/** Live messages in enqueue order. */
	order: string[];
	/** In-flight message → the receive that took it ("t|by"). */
	inFlight: Map<string, string>;
}

/**
 * SQS-FIFO-2/-5/-6 on FIFO nodes: a message of a group is delivered only when every earlier message of the
 * group is finished or delivered in the same receive before it (order); and no receive takes a message while
 * it, or an earlier message of its group, is in flight with another receive (the group lock). The lock is
 * positional (SQS-FIFO-5, as AWS records it): a message ahead of an in-flight one may be delivered again once
 * it is visible again, while the later one stays in flight. A visibility change that hides a message whose
 * visibility had run out (SQS-STD-5) puts it back in flight.
 */
export function checkFifoGroups(events: Iterable<TraceEvent>, fifoNodes: Iterable<string>): Violation[] {
	const fifo = new Set(fifoNodes);
	const out: Violation[] = [];
	const groups = new Map<string, GroupState>();
	const groupOf = new Map<string, string>();
	const group = (node: string, g: string) => {
		const k = key(node, g);
		let s = groups.get(k);
		if (!s) {
			s = { order: [], inFlight: new Map() };
			groups.set(k, s);
		}
		return s;
	};
	const leave = (e: TraceEvent, finished: boolean) => {
		const g = groupOf.get(key(e.node, e.msg));
		if (g === undefined) return;
		const s = group(e.node, g);
		s.inFlight.delete(e.msg as string);
		if (finished) {
			const i = s.order.indexOf(e.msg as string);
			if (i >= 0) s.order.splice(i, 1);
		}
	};
	for (const e of events) {
		if (!fifo.has(e.node)) continue;
		switch (e.type) {
			case 'enqueued':
				if (e.groupId !== undefined) {
					groupOf.set(key(e.node, e.msg), e.groupId);
					group(e.node, e.groupId).order.push(e.msg as string);
				}
				break;
			case 'received': {
				const g = groupOf.get(key(e.node, e.msg));
				if (g === undefined) break;
				const s = group(e.node, g);
				const receive = `${e.t}|${e.by}`;
				const idx = s.order.indexOf(e.msg as string);
				// SQS-FIFO-5: only messages up to this one hold it back; later in-flight ones do not.
				for (const held of s.order.slice(0, idx + 1)) {
					const r = s.inFlight.get(held);
					if (r !== undefined && r !== receive) {
						out.push(
							violationAt(
								'fifo-group-lock',
								'SQS-FIFO-5',
								e,
								held === e.msg
									? `group ${g}: ${e.msg} delivered again while still in flight`
									: `group ${g}: ${e.msg} delivered while the earlier ${held} of the same group was in flight`
							)
						);
						break;
					}
				}
				for (const earlier of s.order.slice(0, Math.max(0, idx))) {
					if (s.inFlight.get(earlier) !== receive) {
						out.push(
							violationAt(
								'fifo-order',
								'SQS-FIFO-2',
								e,
								`group ${g}: ${e.msg} delivered before the earlier ${earlier}`
							)
						);
						break;
					}
				}
				s.inFlight.set(e.msg as string, receive);
				break;
			}
			case 'visibility-expired':
				leave(e, false);
				break;
			case 'visibility-changed': {
				if (e.visibleAt <= e.t) {
					leave(e, false);
					break;
				}
				// SQS-STD-5: hidden again after its visibility ran out, it holds its group like an in-flight one.
				const g = groupOf.get(key(e.node, e.msg));
				const s = g === undefined ? undefined : group(e.node, g);
				if (s && !s.inFlight.has(e.msg as string)) s.inFlight.set(e.msg as string, `hidden|${e.i}`);
				break;
			}
			default:
				if (FINAL.has(e.type)) leave(e, true);
		}
	}
	return out;
}

/**
 * SQS-DLQ-1: a message moves to the DLQ exactly when its receive count has reached maxReceiveCount — never
 * earlier, and it is never delivered more than maxReceiveCount times from a queue with a redrive policy.
 * `policies` maps a node to its maxReceiveCount (when constant over the run).
 *
 * A move with a receive count *above* the policy's is not wrong by itself: when the policy is lowered
 * (SetQueueAttributes), a message that has already reached the new maxReceiveCount moves on its next
 * receive (SQS-DLQ-1). It is only late when the policy is known to be constant (`policies`).
 */
export function checkDeadLetterTiming(
	events: Iterable<TraceEvent>,
	policies: Record<string, number> = {}
): Violation[] {
	const out: Violation[] = [];
	for (const e of events) {
		if (e.type === 'dead-lettered') {
			const early = e.receiveCount < e.maxReceiveCount;
			const late = e.receiveCount > e.maxReceiveCount && policies[e.node] === e.maxReceiveCount;
			if (early || late) {
				out.push(
					violationAt(
						'dlq-timing',
						'SQS-DLQ-1',
						e,
						`moved to the DLQ after ${e.receiveCount} receives; maxReceiveCount is ${e.maxReceiveCount}`
					)
				);
			}
		}
		const max = policies[e.node];
		if (e.type === 'received' && max !== undefined && e.receiveCount > max) {
			out.push(
				violationAt(
					'dlq-timing',
					'SQS-DLQ-1',
					e,
					`delivered a ${ordinal(e.receiveCount)} time; it should have moved to the DLQ after ${max}`
				)
			);
		}
	}
	return out;
}

export interface DuplicateDelivery {
	t: number;
	node: string;
	msg: string;
	origin: string;
	/** How many times this origin had been delivered before, anywhere. */
	previous: number;
	cause: string;
}

/**
 * Every delivery of an origin after its first, with its cause: `visibility-timeout` (not deleted in time),
 * `visibility-changed` (released with ChangeMessageVisibility 0, SQS-STD-5),
 * `copy-missed-delete` (SQS-STD-1), `redrive` / `move-task` (a new message carrying the same content).
 */
export function duplicateDeliveries(events: Iterable<TraceEvent>): DuplicateDelivery[] {
	const seen = new Map<string, number>();
	const arrivedBy = new Map<string, string>();
	const deliveredHere = new Set<string>();
	const out: DuplicateDelivery[] = [];
	// A fan-out (SNS-TOP-1) starts one branch per queue; a redrive or move carries its branch along.
	const branchOf = new Map<string, string>();
	for (const e of events) {
		if (e.type === 'enqueued') {
			const origin = e.origin ?? e.msg ?? '';
			if (e.cause) arrivedBy.set(key(e.node, e.msg), e.cause);
			const carried = e.cause === 'redrive' || e.cause === 'move-task';
			const branch = (carried ? branchOf.get(key(e.from, origin)) : undefined) ?? key(e.node, origin);
			branchOf.set(key(e.node, origin), branch);
		}
		if (e.type !== 'received') continue;
		const origin = e.origin ?? e.msg ?? '';
		const branch = branchOf.get(key(e.node, origin)) ?? origin;
		const n = seen.get(branch) ?? 0;
		seen.set(branch, n + 1);
		if (n === 0) {
			deliveredHere.add(key(e.node, e.msg));
			continue;
		}
		const here = key(e.node, e.msg);
		const arrival = arrivedBy.get(here);
		const firstHere = !deliveredHere.has(here);
		deliveredHere.add(here);
		const cause =
			(firstHere && (arrival === 'redrive' || arrival === 'move-task') ? arrival : undefined) ??
			e.cause ??
			'unknown';
		out.push({ t: e.t, node: e.node, msg: e.msg as string, origin, previous: n, cause });
	}
	return out;
}

/** Each duplicate delivery must have a known cause (SQS-STD-1). */
export function checkDuplicateCauses(events: Iterable<TraceEvent>): Violation[] {
	return duplicateDeliveries(events)
		.filter((d) => d.cause === 'unknown')
		.map((d) => ({
			checker: 'duplicate-cause',
			rule: 'SQS-STD-1',
			t: d.t,
			node: d.node,
			msg: d.msg,
			origin: d.origin,
			message: `${d.origin} delivered again (${d.previous + 1} times) with no known cause`
		}));
}

function ordinal(n: number): string {
	const s = ['th', 'st', 'nd', 'rd'];
	const v = n % 100;
	return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
