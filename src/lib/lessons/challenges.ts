// "Your turn": challenges where the learner changes one parameter (Edit panel) or acts on the stage (the
// inspector's Act section) so that the run reaches a goal. Each grade is a pure function over the current
// scenario and the whole run's trace; the unit tests prove each starting scenario fails and a known solution
// passes.

import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';
import visibilityTooShort from '../../../scenarios/sqs-visibility-too-short.json';
import poisonDlq from '../../../scenarios/sqs-poison-dlq.json';
import hotKey from '../../../scenarios/kinesis-hot-key.json';
import split from '../../../scenarios/kinesis-split-under-load.json';
import type { TraceEvent } from '$lib/engine';
import { count, type Challenge } from './types';

type Doc = { name: string; description?: string; nodes: Record<string, unknown>[] } & Record<string, unknown>;

/** A copy of a scenario document with some of its nodes changed (and others dropped when `f` returns null). */
function variant(
	doc: unknown,
	name: string,
	description: string,
	f: (n: Record<string, unknown>) => unknown
): Doc {
	const copy = structuredClone(doc) as Doc;
	copy.name = name;
	copy.description = description;
	copy.nodes = copy.nodes.map((n) => f(n)).filter((n) => n !== null) as Record<string, unknown>[];
	return copy;
}

const processedOk = (ev: readonly TraceEvent[], producer: string): Set<string> =>
	new Set(
		ev
			.filter(
				(e) => e.type === 'processed' && e.ok && e.skipped !== true && e.origin?.startsWith(`${producer}-`)
			)
			.map((e) => e.origin as string)
	);

const fifoPoison = {
	version: 1,
	name: 'Challenge: a poison message blocks its FIFO group',
	description:
		'acme’s 4th order is poison (an operator action makes every processing of it fail). In a FIFO queue its group stays locked behind it (SQS-FIFO-5): acme’s later orders never get through, while globex flows.',
	seed: 11,
	durationMs: 120_000,
	nodes: [
		{
			id: 'acme',
			type: 'producer',
			target: 'orders.fifo',
			Rate: { type: 'fixed', perSecond: 1 },
			Count: 20,
			Body: 'acme order {n}',
			MessageGroupId: 'acme',
			MessageDeduplicationId: 'acme-{n}'
		},
		{
			id: 'globex',
			type: 'producer',
			target: 'orders.fifo',
			Rate: { type: 'fixed', perSecond: 1 },
			Count: 20,
			Body: 'globex order {n}',
			MessageGroupId: 'globex',
			MessageDeduplicationId: 'globex-{n}'
		},
		{
			id: 'orders.fifo',
			type: 'sqs-queue',
			QueueName: 'orders.fifo',
			FifoQueue: true,
			VisibilityTimeout: 5,
			Nondeterminism: 'off',
			Actions: [{ action: 'make-poison', atMs: 0, origin: 'acme-4' }]
		},
		{
			id: 'orders-dlq.fifo',
			type: 'sqs-queue',
			QueueName: 'orders-dlq.fifo',
			FifoQueue: true,
			Nondeterminism: 'off'
		},
		{
			id: 'fulfilment',
			type: 'consumer',
			source: 'orders.fifo',
			Workers: 2,
			WaitTimeSeconds: 20,
			ProcessingTime: { type: 'fixed', ms: 100 }
		}
	]
};

export const CHALLENGES: Challenge[] = [
	{
		id: 'challenge-no-twice',
		title: 'Your turn: no order processed twice',
		scenario: standardDuplicates,
		goal: 'Keep the at-least-once queue as it is (duplicates will still be delivered), but make sure no order is processed twice.',
		how: 'Edit panel: change one parameter of the workers consumer.',
		hints: [
			'Duplicates come from the queue (SQS-STD-1); you cannot switch them off in AWS.',
			'The consumer can remember what it has processed: look for Idempotent.'
		],
		grade: (_s, ev) => {
			const dup = count(ev, (e) => e.type === 'received' && e.duplicate === true);
			const twice = count(ev, (e) => e.type === 'processed' && e.again === true);
			const done = processedOk(ev, 'orders-producer').size;
			if (done < 100)
				return { pass: false, message: `Only ${done} orders were processed: keep the orders flowing.` };
			if (twice > 0) return { pass: false, message: `${twice} orders were processed a second time.` };
			if (dup === 0)
				return {
					pass: false,
					message:
						'No duplicates were delivered at all: keep the queue at least once, and handle them in the consumer.'
				};
			return { pass: true, message: `${dup} duplicates were delivered and none was processed twice.` };
		}
	},
	{
		id: 'challenge-visibility',
		title: 'Your turn: every order processed exactly once despite slow processing',
		scenario: visibilityTooShort,
		goal: 'All 12 orders are processed, none of them twice. Processing still takes 6–9 s.',
		how: 'Edit panel: change one parameter of the orders queue (or give the workers a heartbeat).',
		hints: [
			'An order comes back while its worker is still on it (SQS-STD-4).',
			'VisibilityTimeout must be longer than the slowest processing, 9 s.'
		],
		grade: (_s, ev) => {
			const twice = count(ev, (e) => e.type === 'processed' && e.again === true);
			const done = processedOk(ev, 'shop').size;
			if (twice > 0) return { pass: false, message: `${twice} orders were processed a second time.` };
			if (done < 12) return { pass: false, message: `Only ${done} of 12 orders were processed.` };
			return { pass: true, message: 'All 12 orders were processed exactly once.' };
		}
	},
	{
		id: 'challenge-fifo-poison',
		title: 'Your turn: get the poison message out of the group’s way',
		scenario: fifoPoison,
		goal: 'Every acme order except the poison one (acme-4) is processed, and the poison one ends up in orders-dlq.fifo.',
		how: 'Edit panel: give the orders.fifo queue one new parameter.',
		hints: [
			'A group is locked while its oldest message keeps failing (SQS-FIFO-5).',
			'A RedrivePolicy with a maxReceiveCount moves it to the dead-letter queue (SQS-DLQ-1).'
		],
		grade: (_s, ev) => {
			const done = processedOk(ev, 'acme');
			const moved = ev.some((e) => e.type === 'dead-lettered' && e.origin === 'acme-4');
			if (done.size < 19)
				return {
					pass: false,
					message: `Only ${done.size} of acme’s 19 good orders were processed: the group is stuck behind acme-4.`
				};
			if (!moved) return { pass: false, message: 'acme-4 never reached the dead-letter queue.' };
			return { pass: true, message: 'acme-4 was dead-lettered and all 19 other acme orders were processed.' };
		}
	},
	{
		id: 'challenge-drain-dlq',
		title: 'Your turn: drain the DLQ back',
		scenario: variant(
			poisonDlq,
			'Challenge: payments stuck in the dead-letter queue',
			'Poison payments (and good ones that failed with them) pile up in payments-dlq. Move them back to the queue (SQS-DLQ-4).',
			(n) => (n.id === 'payments-dlq' ? { ...n, Actions: [] } : n)
		),
		goal: 'Every message that was in payments-dlq when you start the move is moved back to payments by the end of the run.',
		how: 'Select payments-dlq on the stage and use the inspector’s Act section.',
		hints: [
			'The DLQ has its own action: start a message move task (SQS-DLQ-4).',
			'Start it early enough, at a rate that moves the backlog before 3:00.'
		],
		grade: (_s, ev) => {
			const start = ev.find(
				(e) =>
					e.type === 'operator-action' &&
					e.node === 'payments-dlq' &&
					e.action === 'start-message-move-task' &&
					e.ignored === undefined
			);
			if (!start) return { pass: false, message: 'No message move task ran on payments-dlq.' };
			const waiting = new Set(
				ev.filter((e) => e.type === 'dead-lettered' && e.t <= start.t).map((e) => e.msg as string)
			);
			const moved = new Set(ev.filter((e) => e.type === 'move-task-moved').map((e) => e.msg as string));
			const left = [...waiting].filter((m) => !moved.has(m)).length;
			if (waiting.size === 0) return { pass: false, message: 'The DLQ was empty when the task started.' };
			if (left > 0)
				return { pass: false, message: `${left} of ${waiting.size} messages are still in the DLQ.` };
			return { pass: true, message: `All ${waiting.size} messages were moved back to payments.` };
		}
	},
	{
		id: 'challenge-split',
		title: 'Your turn: keep the hot shard under its limit',
		scenario: variant(
			split,
			'Challenge: one shard over its write limit',
			'A single shard gets 400 events/s of 3 KiB, over its 1 MiB/s write limit (KIN-4): puts are throttled.',
			(n) => (n.id === 'events' ? { ...n, Actions: [] } : n)
		),
		goal: 'From 0:30 on, no put is throttled, while the producer keeps writing at full rate.',
		how: 'Select the events stream and use the inspector’s Act section (or change one stream parameter).',
		hints: [
			'One shard takes at most 1 MiB/s (KIN-4).',
			'Split the shard (KIN-11): its keys spread over two children.'
		],
		grade: (_s, ev) => {
			const late = count(ev, (e) => e.type === 'put-throttled' && e.t >= 30_000);
			const puts = count(ev, (e) => e.type === 'record-put' && e.t >= 30_000);
			if (puts < 10_000) return { pass: false, message: `Only ${puts} records were written after 0:30.` };
			if (late > 0) return { pass: false, message: `${late} puts were throttled after 0:30.` };
			return { pass: true, message: `${puts} records were written after 0:30 without a throttle.` };
		}
	},
	{
		id: 'challenge-hot-key',
		title: 'Your turn: spread the hot key',
		scenario: hotKey,
		goal: 'In the last 10 s no put is throttled, with at least 3,500 records written in that time.',
		how: 'Edit panel: change one parameter of the web producer.',
		hints: [
			'More shards do not help one key: all its records land on one shard (KIN-1).',
			'Give the records many partition keys, e.g. {rand:1000}.'
		],
		grade: (_s, ev) => {
			const late = count(ev, (e) => e.type === 'put-throttled' && e.t >= 20_000);
			const puts = count(ev, (e) => e.type === 'record-put' && e.t >= 20_000);
			if (puts < 3_500)
				return { pass: false, message: `Only ${puts} records were written in the last 10 s.` };
			if (late > 0) return { pass: false, message: `${late} puts were throttled in the last 10 s.` };
			return { pass: true, message: `${puts} records were written in the last 10 s without a throttle.` };
		}
	}
];
