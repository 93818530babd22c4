// The SQS trace checkers: each is fed a hand-built trace that keeps its invariant (→ no violations) and one
// that breaks it (→ a violation naming the checker and the rule), so every checker is shown able to fail.
// Real runs through the sandbox must pass all of them.
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceOf, TraceType } from '$lib/engine';
import {
	checkConservation,
	checkDeadLetterTiming,
	checkDuplicateCauses,
	checkFifoGroups,
	duplicateDeliveries,
	type Violation
} from '$lib/engine/checks';
import { createSandbox } from '$lib/sandbox';

type Fields<K extends TraceType> = Omit<TraceOf<K>, 'i' | 't' | 'node' | 'type'>;

/** Builds a trace in order, numbering the events. */
function trace() {
	const events: TraceEvent[] = [];
	const add = <K extends TraceType>(type: K, t: number, node: string, fields: Fields<K>) => {
		events.push({ ...fields, type, t, node, i: events.length } as unknown as TraceEvent);
		return api;
	};
	const api = {
		events,
		add,
		enqueued: (t: number, node: string, msg: string, extra: Partial<Fields<'enqueued'>> = {}) =>
			add('enqueued', t, node, { msg, origin: msg, from: 'p', visibleAt: t, ...extra }),
		received: (
			t: number,
			node: string,
			msg: string,
			receiveCount: number,
			extra: Partial<Fields<'received'>> = {}
		) =>
			add('received', t, node, {
				msg,
				origin: msg,
				by: 'c',
				receiveCount,
				visibleAt: t + 30_000,
				...(receiveCount > 1 ? { cause: 'visibility-timeout' } : {}),
				...extra
			}),
		deleted: (t: number, node: string, msg: string, extra: Partial<Fields<'deleted'>> = {}) =>
			add('deleted', t, node, { msg, origin: msg, by: 'c', ...extra }),
		expired: (t: number, node: string, msg: string, receiveCount: number) =>
			add('visibility-expired', t, node, { msg, origin: msg, receiveCount, cause: 'visibility-timeout' })
	};
	return api;
}

const pick = (vs: Violation[]) => vs.map((v) => [v.checker, v.rule]);

describe('checkConservation', () => {
	it('SQS-STD-1: a trace where every message is in exactly one place passes, live counts included', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.enqueued(0, 'q', 'b')
			.enqueued(0, 'q', 'c')
			.enqueued(0, 'q', 'd', { visibleAt: 5_000 })
			.add('delay-elapsed', 5_000, 'q', { msg: 'd', origin: 'd' })
			.received(10, 'q', 'a', 1)
			.deleted(20, 'q', 'a')
			// A copy missed the delete and lives on; it is received and deleted again (SQS-STD-1).
			.add('copy-missed-delete', 20, 'q', { msg: 'a', origin: 'a', server: 1, reappearsAt: 30_010 })
			.expired(30_010, 'q', 'a', 1)
			.received(30_010, 'q', 'a', 2)
			.deleted(30_020, 'q', 'a')
			// b fails three times and moves to the DLQ, arriving there at the same instant (SQS-DLQ-1).
			.received(10, 'q', 'b', 1)
			.expired(30_010, 'q', 'b', 1)
			.add('dead-lettered', 30_010, 'q', {
				msg: 'b',
				origin: 'b',
				dlq: 'dlq',
				receiveCount: 1,
				maxReceiveCount: 1
			})
			.enqueued(30_010, 'dlq', 'b2', { origin: 'b', from: 'q', cause: 'redrive' })
			// ...and is moved back as a new message (SQS-DLQ-4).
			.add('move-task-moved', 40_000, 'dlq', { msg: 'b2', origin: 'b', to: 'q', newMsg: 'b3' })
			.enqueued(40_000, 'q', 'b3', { origin: 'b', from: 'dlq', cause: 'move-task' })
			.add('expired', 50_000, 'q', { msg: 'c', origin: 'c', ageMs: 50_000 })
			.add('purged', 60_000, 'q', { msg: 'd', origin: 'd' });
		expect(checkConservation(tr.events)).toEqual([]);
		expect(checkConservation(tr.events, { live: { q: 1, dlq: 0 } })).toEqual([]);
	});

	it('SQS-STD-1: a message finished twice is a violation', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.deleted(2, 'q', 'a')
			.deleted(3, 'q', 'a');
		const v = checkConservation(tr.events);
		expect(pick(v)).toEqual([['conservation', 'SQS-STD-1']]);
		expect(v[0]).toMatchObject({ t: 3, node: 'q', msg: 'a' });
	});

	it('SQS-STD-4: a message received after it was deleted, or never enqueued, is a violation', () => {
		const after = trace().enqueued(0, 'q', 'a').deleted(1, 'q', 'a').received(2, 'q', 'a', 1);
		expect(pick(checkConservation(after.events))).toEqual([['conservation', 'SQS-STD-4']]);
		const ghost = trace().received(2, 'q', 'x', 1).expired(3, 'q', 'x', 1);
		expect(pick(checkConservation(ghost.events))).toEqual([
			['conservation', 'SQS-STD-4'],
			['conservation', 'SQS-STD-4']
		]);
		// The same message id in another queue is another message.
		const elsewhere = trace().enqueued(0, 'q1', 'a').received(1, 'q2', 'a', 1);
		expect(pick(checkConservation(elsewhere.events))).toEqual([['conservation', 'SQS-STD-4']]);
	});

	it('SQS-DLQ-1: a dead-lettered message that never arrives in the DLQ is lost', () => {
		const base = () =>
			trace()
				.enqueued(0, 'q', 'a')
				.received(1, 'q', 'a', 1)
				.expired(2, 'q', 'a', 1)
				.add('dead-lettered', 3, 'q', {
					msg: 'a',
					origin: 'a',
					dlq: 'dlq',
					receiveCount: 1,
					maxReceiveCount: 1
				});
		expect(pick(checkConservation(base().events))).toEqual([['conservation', 'SQS-DLQ-1']]);
		// Arriving later, or in another queue, is not arriving.
		const late = base().enqueued(4, 'dlq', 'a2', { origin: 'a', from: 'q', cause: 'redrive' });
		expect(pick(checkConservation(late.events))).toEqual([['conservation', 'SQS-DLQ-1']]);
		const wrong = base().enqueued(3, 'other', 'a2', { origin: 'a', from: 'q', cause: 'redrive' });
		expect(pick(checkConservation(wrong.events))).toEqual([['conservation', 'SQS-DLQ-1']]);
		const fine = base().enqueued(3, 'dlq', 'a2', { origin: 'a', from: 'q', cause: 'redrive' });
		expect(checkConservation(fine.events)).toEqual([]);
	});

	it('SQS-DLQ-4: a moved message that never arrives at its destination is lost', () => {
		const tr = trace()
			.enqueued(0, 'dlq', 'a')
			.add('move-task-moved', 5, 'dlq', { msg: 'a', origin: 'a', to: 'q', newMsg: 'a2' });
		expect(pick(checkConservation(tr.events))).toEqual([['conservation', 'SQS-DLQ-4']]);
	});

	it('SQS-STD-1: live counts that disagree with the trace are a violation', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.enqueued(0, 'q', 'b')
			.received(1, 'q', 'a', 1)
			.deleted(2, 'q', 'a');
		expect(checkConservation(tr.events, { live: { q: 1 } })).toEqual([]);
		const v = checkConservation(tr.events, { live: { q: 2 } });
		expect(pick(v)).toEqual([['conservation', 'SQS-STD-1']]);
		expect(v[0]?.message).toMatch(/leaves 1 messages in q but the queue holds 2/);
	});
});

describe('checkFifoGroups', () => {
	/** A FIFO queue f with group g holding m1, m2, m3 (in that order). */
	const fifo = () =>
		trace()
			.enqueued(0, 'f', 'm1', { groupId: 'g' })
			.enqueued(0, 'f', 'm2', { groupId: 'g' })
			.enqueued(0, 'f', 'm3', { groupId: 'g' })
			.enqueued(0, 'f', 'n1', { groupId: 'h' });

	it('SQS-FIFO-2: in-order deliveries, one receive at a time per group, pass', () => {
		const tr = fifo()
			// m1 and m2 in one receive, in order; another group at the same time.
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.received(1, 'f', 'm2', 1, { groupId: 'g' })
			.received(1, 'f', 'n1', 1, { groupId: 'h', by: 'other' })
			.deleted(2, 'f', 'm1')
			// m2 comes back after its visibility runs out, then m3 may follow it in one receive.
			.expired(30_001, 'f', 'm2', 1)
			.received(30_002, 'f', 'm2', 2, { groupId: 'g' })
			.received(30_002, 'f', 'm3', 1, { groupId: 'g' })
			// A visibility change to 0 releases the lock at once (SQS-STD-5).
			.add('visibility-changed', 30_003, 'f', { msg: 'm2', origin: 'm2', visibleAt: 30_003, by: 'c' })
			.add('visibility-changed', 30_003, 'f', { msg: 'm3', origin: 'm3', visibleAt: 30_003, by: 'c' })
			.received(30_004, 'f', 'm2', 3, { groupId: 'g', by: 'c2' })
			.add('dead-lettered', 30_005, 'f', {
				msg: 'm2',
				origin: 'm2',
				dlq: 'd',
				receiveCount: 3,
				maxReceiveCount: 3
			})
			// A dead-lettered head releases the rest of its group (SQS-FIFO-11).
			.received(30_006, 'f', 'm3', 2, { groupId: 'g', by: 'c3' });
		expect(checkFifoGroups(tr.events, ['f'])).toEqual([]);
	});

	it('SQS-FIFO-2: a message delivered before an earlier one of its group is a violation', () => {
		const tr = fifo().received(1, 'f', 'm2', 1, { groupId: 'g' });
		const v = checkFifoGroups(tr.events, ['f']);
		expect(pick(v)).toEqual([['fifo-order', 'SQS-FIFO-2']]);
		expect(v[0]).toMatchObject({ msg: 'm2', t: 1 });
		expect(v[0]?.message).toContain('before the earlier m1');
		// Out of order within one receive is also out of order.
		const swapped = fifo()
			.received(1, 'f', 'm2', 1, { groupId: 'g' })
			.received(1, 'f', 'm1', 1, { groupId: 'g' });
		expect(pick(checkFifoGroups(swapped.events, ['f']))).toEqual([['fifo-order', 'SQS-FIFO-2']]);
	});

	it('SQS-FIFO-5: delivering from a group while another receive holds it is a violation', () => {
		// m1 delivered to a second consumer while still in flight with the first.
		const twice = fifo()
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.received(2, 'f', 'm1', 2, { groupId: 'g', by: 'd' });
		expect(pick(checkFifoGroups(twice.events, ['f']))).toEqual([['fifo-group-lock', 'SQS-FIFO-5']]);
		// m2 to a second consumer while m1 is in flight breaks the lock and the order.
		const next = fifo()
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.received(2, 'f', 'm2', 1, { groupId: 'g', by: 'd' });
		expect(pick(checkFifoGroups(next.events, ['f']))).toEqual([
			['fifo-group-lock', 'SQS-FIFO-5'],
			['fifo-order', 'SQS-FIFO-2']
		]);
		// Once m1 is deleted, m2 may go to anyone.
		const after = fifo()
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.deleted(2, 'f', 'm1')
			.received(3, 'f', 'm2', 1, { groupId: 'g', by: 'd' });
		expect(checkFifoGroups(after.events, ['f'])).toEqual([]);
	});

	it('SQS-FIFO-5: an earlier message redelivered while a later one is still in flight passes (positional lock)', () => {
		// Recorded: LocalStack test_sqs.py, test_fifo_message_group_visibility_after_terminate_visibility_timeout
		const released = fifo()
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.received(1, 'f', 'm2', 1, { groupId: 'g' })
			// m1 is released; m2 stays in flight with the first receive.
			.add('visibility-changed', 2, 'f', { msg: 'm1', origin: 'm1', visibleAt: 2, by: 'c' })
			.received(3, 'f', 'm1', 2, { groupId: 'g', by: 'd', cause: 'visibility-timeout' })
			.deleted(4, 'f', 'm1', { by: 'd' });
		expect(checkFifoGroups(released.events, ['f'])).toEqual([]);
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_group_visibility_extends_with_change_message_visibility[sqs-2-visible]
		const ranOut = fifo()
			.received(1, 'f', 'm1', 1, { groupId: 'g' })
			.received(1, 'f', 'm2', 1, { groupId: 'g' })
			.received(1, 'f', 'm3', 1, { groupId: 'g' })
			.add('visibility-changed', 2, 'f', { msg: 'm3', origin: 'm3', visibleAt: 4_001, by: 'c' })
			.expired(1_001, 'f', 'm1', 1)
			.expired(1_001, 'f', 'm2', 1)
			.received(2_500, 'f', 'm1', 2, { groupId: 'g', by: 'd' })
			.received(2_500, 'f', 'm2', 2, { groupId: 'g', by: 'd' });
		expect(checkFifoGroups(ranOut.events, ['f'])).toEqual([]);
	});

	it('SQS-FIFO-5: under the positional lock, a message behind the one still in flight is a violation', () => {
		const base = () =>
			fifo()
				.received(1, 'f', 'm1', 1, { groupId: 'g' })
				.received(1, 'f', 'm2', 1, { groupId: 'g' })
				.add('visibility-changed', 2, 'f', { msg: 'm1', origin: 'm1', visibleAt: 2, by: 'c' })
				.received(3, 'f', 'm1', 2, { groupId: 'g', by: 'd' })
				.deleted(4, 'f', 'm1', { by: 'd' });
		// m3 is behind m2, still in flight with the first receive.
		const behind = base().received(5, 'f', 'm3', 1, { groupId: 'g', by: 'd' });
		const v = checkFifoGroups(behind.events, ['f']);
		expect(pick(v)).toEqual([
			['fifo-group-lock', 'SQS-FIFO-5'],
			['fifo-order', 'SQS-FIFO-2']
		]);
		expect(v[0]).toMatchObject({ msg: 'm3', t: 5 });
		expect(v[0]?.message).toBe('group g: m3 delivered while the earlier m2 of the same group was in flight');
		// m2 itself to another consumer while still in flight.
		const again = base().received(5, 'f', 'm2', 2, { groupId: 'g', by: 'd' });
		expect(pick(checkFifoGroups(again.events, ['f']))).toEqual([['fifo-group-lock', 'SQS-FIFO-5']]);
		expect(checkFifoGroups(again.events, ['f'])[0]?.message).toBe(
			'group g: m2 delivered again while still in flight'
		);
	});

	it('SQS-FIFO-5/SQS-STD-5: a message hidden again after its visibility ran out holds its group', () => {
		const hidden = () =>
			fifo()
				.received(1, 'f', 'm1', 1, { groupId: 'g' })
				.expired(30_001, 'f', 'm1', 1)
				.add('visibility-changed', 30_002, 'f', {
					msg: 'm1',
					origin: 'm1',
					visibleAt: 40_002,
					by: 'c',
					cause: 'hidden-again'
				});
		const behind = hidden().received(30_003, 'f', 'm2', 1, { groupId: 'g', by: 'd' });
		expect(pick(checkFifoGroups(behind.events, ['f']))).toEqual([
			['fifo-group-lock', 'SQS-FIFO-5'],
			['fifo-order', 'SQS-FIFO-2']
		]);
		// Once that hidden period runs out, m1 comes back first and m2 may follow it.
		const later = hidden()
			.expired(40_002, 'f', 'm1', 1)
			.received(40_003, 'f', 'm1', 2, { groupId: 'g', by: 'd' })
			.received(40_003, 'f', 'm2', 1, { groupId: 'g', by: 'd' });
		expect(checkFifoGroups(later.events, ['f'])).toEqual([]);
	});

	it('SQS-FIFO-2: only the FIFO nodes named are checked', () => {
		const tr = fifo().received(1, 'f', 'm2', 1, { groupId: 'g' });
		expect(checkFifoGroups(tr.events, [])).toEqual([]);
		expect(checkFifoGroups(tr.events, ['other'])).toEqual([]);
	});
});

describe('checkDeadLetterTiming', () => {
	const moved = (receiveCount: number, maxReceiveCount: number) =>
		trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.add('dead-lettered', 2, 'q', { msg: 'a', origin: 'a', dlq: 'dlq', receiveCount, maxReceiveCount });

	it('SQS-DLQ-1: a move once the receive count has reached maxReceiveCount passes', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.expired(2, 'q', 'a', 1)
			.received(3, 'q', 'a', 2)
			.expired(4, 'q', 'a', 2)
			.add('dead-lettered', 5, 'q', {
				msg: 'a',
				origin: 'a',
				dlq: 'dlq',
				receiveCount: 2,
				maxReceiveCount: 2
			});
		expect(checkDeadLetterTiming(tr.events, { q: 2 })).toEqual([]);
		expect(checkDeadLetterTiming(tr.events)).toEqual([]);
	});

	it('SQS-DLQ-1: a move before the receive count reaches maxReceiveCount is a violation', () => {
		const v = checkDeadLetterTiming(moved(2, 3).events);
		expect(pick(v)).toEqual([['dlq-timing', 'SQS-DLQ-1']]);
		expect(v[0]).toMatchObject({ t: 2, node: 'q', msg: 'a' });
		expect(v[0]?.message).toBe('moved to the DLQ after 2 receives; maxReceiveCount is 3');
	});

	it('SQS-DLQ-1: a delivery beyond a constant maxReceiveCount is a violation', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.expired(2, 'q', 'a', 1)
			.received(3, 'q', 'a', 2);
		const v = checkDeadLetterTiming(tr.events, { q: 1 });
		expect(pick(v)).toEqual([['dlq-timing', 'SQS-DLQ-1']]);
		expect(v[0]?.message).toBe('delivered a 2nd time; it should have moved to the DLQ after 1');
		// Queues without a policy may deliver any number of times.
		expect(checkDeadLetterTiming(tr.events, { other: 1 })).toEqual([]);
		// A late move under a constant policy is a violation too.
		expect(pick(checkDeadLetterTiming(moved(4, 3).events, { q: 3 }))).toEqual([['dlq-timing', 'SQS-DLQ-1']]);
	});

	it('SQS-DLQ-1: after maxReceiveCount is lowered, a message past it moves on its next receive', () => {
		// Received 4 times under maxReceiveCount 5, then the policy became 2: the next receive moves it.
		expect(checkDeadLetterTiming(moved(4, 2).events)).toEqual([]);
	});
});

describe('duplicateDeliveries and checkDuplicateCauses', () => {
	it('SQS-STD-1: every repeated delivery with a cause passes and is listed with that cause', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.expired(30_001, 'q', 'a', 1)
			.received(30_001, 'q', 'a', 2)
			.deleted(30_002, 'q', 'a')
			.add('copy-missed-delete', 30_002, 'q', { msg: 'a', origin: 'a', server: 2, reappearsAt: 60_001 })
			.received(60_001, 'q', 'a', 2, { cause: 'copy-missed-delete', duplicate: true })
			// Dead-lettered and redriven: the first delivery from the DLQ is a duplicate caused by the redrive.
			.enqueued(0, 'q', 'b')
			.received(1, 'q', 'b', 1)
			.add('dead-lettered', 30_001, 'q', {
				msg: 'b',
				origin: 'b',
				dlq: 'dlq',
				receiveCount: 1,
				maxReceiveCount: 1
			})
			.enqueued(30_001, 'dlq', 'b2', { origin: 'b', from: 'q', cause: 'redrive' })
			.received(30_002, 'dlq', 'b2', 2, { origin: 'b', cause: undefined });
		expect(checkDuplicateCauses(tr.events)).toEqual([]);
		expect(duplicateDeliveries(tr.events).map((d) => [d.msg, d.previous, d.cause])).toEqual([
			['a', 1, 'visibility-timeout'],
			['a', 2, 'copy-missed-delete'],
			['b2', 1, 'redrive']
		]);
	});

	it('SQS-STD-1: one message fanned out to two queues is not a duplicate', () => {
		const tr = trace()
			.enqueued(0, 'q1', 'x1', { origin: 'o', from: 'topic' })
			.enqueued(0, 'q2', 'x2', { origin: 'o', from: 'topic' })
			.received(1, 'q1', 'x1', 1, { origin: 'o' })
			.received(1, 'q2', 'x2', 1, { origin: 'o' });
		expect(duplicateDeliveries(tr.events)).toEqual([]);
		// A second delivery in one branch without a cause is unexplained.
		tr.received(2, 'q2', 'x2', 2, { origin: 'o', cause: undefined });
		expect(duplicateDeliveries(tr.events)).toEqual([
			{ t: 2, node: 'q2', msg: 'x2', origin: 'o', previous: 1, cause: 'unknown' }
		]);
	});

	it('SQS-STD-1: a repeated delivery with no known cause is a violation', () => {
		const tr = trace()
			.enqueued(0, 'q', 'a')
			.received(1, 'q', 'a', 1)
			.received(2, 'q', 'a', 2, { cause: undefined });
		const v = checkDuplicateCauses(tr.events);
		expect(pick(v)).toEqual([['duplicate-cause', 'SQS-STD-1']]);
		expect(v[0]).toMatchObject({ t: 2, node: 'q', msg: 'a', origin: 'a' });
		expect(v[0]?.message).toBe('a delivered again (2 times) with no known cause');
		// The same body sent twice is two messages (two origins): no duplicate.
		const two = trace()
			.enqueued(0, 'q', 'a')
			.enqueued(0, 'q', 'b')
			.received(1, 'q', 'a', 1)
			.received(1, 'q', 'b', 1);
		expect(checkDuplicateCauses(two.events)).toEqual([]);
	});
});

describe('real sandbox runs pass every checker', () => {
	function checkAll(events: readonly TraceEvent[], fifoNodes: string[], policies: Record<string, number>) {
		return [
			...checkConservation(events),
			...checkFifoGroups(events, fifoNodes),
			...checkDeadLetterTiming(events, policies),
			...checkDuplicateCauses(events)
		];
	}

	it('SQS-STD-1/SQS-DLQ-1/SQS-DLQ-4: a standard queue with duplicates, a DLQ and a redrive back', () => {
		const sb = createSandbox({ seed: 21, nondeterminism: 'classroom' });
		const sqs = sb.sqs;
		const dlqUrl = sqs.createQueue({
			QueueName: 'dlq',
			Attributes: { MessageRetentionPeriod: '1209600' }
		}).QueueUrl;
		const dlqArn = sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn;
		const url = sqs.createQueue({
			QueueName: 'work',
			Attributes: {
				VisibilityTimeout: '2',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 })
			}
		}).QueueUrl;
		for (let n = 0; n < 40; n++) {
			sqs.sendMessage({ QueueUrl: url, MessageBody: n % 7 === 0 ? `poison ${n}` : `job ${n}` });
		}
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 5 });
		for (let round = 0; round < 40; round++) {
			const got = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
			for (const m of got) {
				if (!m.Body?.startsWith('poison') && m.ReceiptHandle) {
					sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
				}
			}
			sb.advanceTime(1_000);
		}
		sqs.startMessageMoveTask({ SourceArn: dlqArn ?? '' });
		sb.advanceTime(5_000);
		for (let round = 0; round < 5; round++) {
			for (const m of sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? []) {
				if (m.ReceiptHandle) sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
			}
			sb.advanceTime(1_000);
		}
		const events = sb.trace();
		// The run shows what the checkers are about.
		expect(events.some((e) => e.type === 'dead-lettered')).toBe(true);
		expect(events.some((e) => e.type === 'move-task-moved')).toBe(true);
		expect(events.some((e) => e.type === 'delay-elapsed')).toBe(true);
		expect(duplicateDeliveries(events).length).toBeGreaterThan(0);
		expect(checkAll(events, [], { work: 3 })).toEqual([]);
	});

	it('SQS-FIFO-2/SQS-FIFO-5: a FIFO queue with several consumers, failures, a DLQ and a purge', () => {
		const sb = createSandbox({ seed: 8 });
		const sqs = sb.sqs;
		const fifo = { FifoQueue: 'true', ContentBasedDeduplication: 'true' };
		const dlqUrl = sqs.createQueue({ QueueName: 'dlq.fifo', Attributes: fifo }).QueueUrl;
		const dlqArn = sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn;
		const url = sqs.createQueue({
			QueueName: 'orders.fifo',
			Attributes: {
				...fifo,
				VisibilityTimeout: '3',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 })
			}
		}).QueueUrl;
		for (let n = 0; n < 30; n++) {
			sqs.sendMessage({
				QueueUrl: url,
				MessageBody: n === 4 ? 'bad' : `order ${n}`,
				MessageGroupId: `g${n % 3}`
			});
		}
		for (let round = 0; round < 30; round++) {
			// Two consumers each take a few messages; one releases a message, bad ones are never deleted.
			for (const max of [3, 2]) {
				const got = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: max }).Messages ?? [];
				got.forEach((m, k) => {
					if (!m.ReceiptHandle) return;
					if (m.Body === 'bad') return;
					if (round % 5 === 0 && k === 0) {
						sqs.changeMessageVisibility({
							QueueUrl: url,
							ReceiptHandle: m.ReceiptHandle,
							VisibilityTimeout: 0
						});
					} else sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
				});
				sb.advanceTime(200);
			}
			sb.advanceTime(600);
		}
		for (let n = 0; n < 5; n++) {
			sqs.sendMessage({ QueueUrl: url, MessageBody: `tail ${n}`, MessageGroupId: 'g9' });
		}
		sqs.purgeQueue({ QueueUrl: url });
		sb.advanceTime(61_000);
		const events = sb.trace();
		const dead = events.filter((e) => e.type === 'dead-lettered');
		expect(dead.length).toBeGreaterThan(0);
		expect(dead.every((e) => e.receiveCount === 2)).toBe(true);
		expect(events.some((e) => e.type === 'purged')).toBe(true);
		expect(events.some((e) => e.type === 'visibility-changed')).toBe(true);
		expect(checkAll(events, ['orders.fifo', 'dlq.fifo'], { 'orders.fifo': 2 })).toEqual([]);
	});

	it('SQS-FIFO-5: releasing the head of a run in flight (positional lock) passes the checkers', () => {
		const sb = createSandbox({ seed: 9 });
		const sqs = sb.sqs;
		const url = sqs.createQueue({
			QueueName: 'runs.fifo',
			Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '5' }
		}).QueueUrl;
		for (let n = 0; n < 24; n++)
			sqs.sendMessage({ QueueUrl: url, MessageBody: `m${n}`, MessageGroupId: 'g' });
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'other', MessageGroupId: 'h' });
		let early = 0;
		for (let round = 0; round < 8; round++) {
			const [head, ...rest] = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3 }).Messages ?? [];
			// The head goes back and is received again by a later receive; the rest stay in flight.
			sb.advanceTime(100);
			sqs.changeMessageVisibility({
				QueueUrl: url,
				ReceiptHandle: head?.ReceiptHandle ?? '',
				VisibilityTimeout: 0
			});
			const again = sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
			if (again.some((m) => m.MessageId === head?.MessageId)) early++;
			sb.advanceTime(1_000);
			for (const m of [...again, ...rest])
				sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle ?? '' });
			if (round === 0) sqs.sendMessage({ QueueUrl: url, MessageBody: 'other 2', MessageGroupId: 'h' });
		}
		expect(early).toBe(8);
		expect(sb.trace().filter((e) => e.type === 'received')).toHaveLength(24 + 8 + 2);
		expect(checkAll(sb.trace(), ['runs.fifo'], {})).toEqual([]);
	});

	it('SQS-DLQ-1: lowering maxReceiveCount during a run passes the checkers', () => {
		const sb = createSandbox({ seed: 3 });
		const sqs = sb.sqs;
		const dlqUrl = sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
		const dlqArn = sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn;
		const policy = (n: number) => JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: n });
		const url = sqs.createQueue({
			QueueName: 'work',
			Attributes: { VisibilityTimeout: '1', RedrivePolicy: policy(5) }
		}).QueueUrl;
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
		for (let i = 0; i < 4; i++) {
			expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toHaveLength(1);
			sb.advanceTime(1_000);
		}
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: policy(2) } });
		// SQS-DLQ-1: the count (4) has reached the new maxReceiveCount (2), so this receive moves it.
		expect(sqs.receiveMessage({ QueueUrl: url }).Messages).toBeUndefined();
		const events = sb.trace();
		expect(events.filter((e) => e.type === 'dead-lettered')).toEqual([
			expect.objectContaining({ receiveCount: 4, maxReceiveCount: 2 })
		]);
		expect(checkAll(events, [], {})).toEqual([]);
	});
});
