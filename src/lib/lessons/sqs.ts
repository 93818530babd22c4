// SQS lessons. Each question is asked before its phenomenon happens (the unit tests check the trace: the
// phenomenon's first time lies after the question's checkpoint and no later than the end of its reveal).

import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';
import visibilityTooShort from '../../../scenarios/sqs-visibility-too-short.json';
import poisonDlq from '../../../scenarios/sqs-poison-dlq.json';
import fifoGroups from '../../../scenarios/sqs-fifo-groups.json';
import fifoDedup from '../../../scenarios/sqs-fifo-dedup-window.json';
import fifoRelease from '../../../scenarios/sqs-fifo-release-reorders.json';
import polling from '../../../scenarios/sqs-short-vs-long-polling.json';
import idempotent from '../../../scenarios/sqs-idempotent-consumer.json';
import type { TraceEvent } from '$lib/engine';
import { ask, count, firstWhere, type Lesson } from './types';

const duplicateDelivered = (e: TraceEvent) => e.type === 'received' && e.duplicate === true;

/** The first time short polls have come back empty more than five times as often as long polls. */
function shortPollsEmptyFirst(ev: readonly TraceEvent[]): number | undefined {
	let short = 0;
	let long = 0;
	for (const e of ev) {
		if (e.type !== 'receive-empty') continue;
		if (e.by === 'short-poller') short++;
		else if (e.by === 'long-poller') long++;
		if (short > 5 * (1 + long)) return e.t;
	}
	return undefined;
}

/**
 * The first time a consumer finishes a FIFO message after a later message of the same group (origins
 * "shop-N" in send order): the queue served them in order (SQS-FIFO-5), the consumer did not keep it.
 */
export function processedOutOfOrderFirst(ev: readonly TraceEvent[]): number | undefined {
	let highest = 0;
	for (const e of ev) {
		if (e.type !== 'processed' || !e.ok || e.origin === undefined) continue;
		const n = Number(/-(\d+)$/.exec(e.origin)?.[1] ?? Number.NaN);
		if (!Number.isFinite(n)) continue;
		if (n < highest) return e.t;
		highest = n;
	}
	return undefined;
}

export const SQS_LESSONS: Lesson[] = [
	{
		id: 'duplicates',
		title: 'At-least-once: why a standard queue delivers twice',
		scenario: standardDuplicates,
		steps: [
			{
				text: 'Orders flow through a standard queue. Each message is stored on several simulated servers (SQS-STD-1).'
			},
			{
				at: 35_000,
				speed: 10,
				text: '35 s in: 71 orders were sent; the workers receive, process and delete them as they come.',
				question: ask(
					'duplicates',
					'Will any order be delivered a second time?',
					'Yes: a delete can miss one server’s copy, which comes back later',
					[
						'No: a deleted message never comes back',
						'Only if a worker crashes before it deletes',
						'Only after the 4-day retention period'
					],
					'A delete can miss the copy on a briefly unavailable server; that copy becomes visible again after the visibility timeout and is delivered again (SQS-STD-1).'
				),
				reveal: {
					until: 40_000,
					speed: 2,
					caption: 'A copy that missed its delete is delivered again: a duplicate (SQS-STD-1)',
					highlight: { node: 'orders' }
				}
			},
			{ at: 120_000, speed: 25, text: 'Open "What went wrong" to see each duplicate and its cause.' }
		],
		takeaway: 'Standard queues deliver at least once: make consumers idempotent.',
		phenomenon: {
			claim: 'duplicate deliveries > 0',
			holds: (ev) => count(ev, duplicateDelivered) > 0,
			firstAt: (ev) => firstWhere(ev, duplicateDelivered)
		}
	},
	{
		id: 'visibility',
		title: 'Visibility timeout shorter than processing',
		scenario: visibilityTooShort,
		steps: [
			{ text: 'Processing takes 6–9 s; VisibilityTimeout is 5 s. Three workers long-poll the queue.' },
			{
				at: 4_500,
				speed: 2,
				text: 'The first order has been in flight for 4.5 s and its worker is still processing it.',
				question: ask(
					'visibility',
					'What happens to it at 5 s?',
					'It becomes visible in the queue again while its worker is still on it',
					[
						'SQS extends its visibility while the worker is busy',
						'It moves to a dead-letter queue',
						'SQS deletes it because its timeout ran out'
					],
					'When the visibility timeout runs out the message is visible again (SQS-STD-4), whatever the worker is doing: the next free worker can receive it and process it a second time.'
				),
				reveal: {
					until: 5_500,
					speed: 0.5,
					caption: 'Visible again while still being processed (SQS-STD-4)',
					highlight: { node: 'orders' }
				}
			},
			{
				at: 38_500,
				speed: 10,
				text: 'Later a free worker received an order another worker was still processing, and processed it a second time.'
			}
		],
		takeaway: 'Set VisibilityTimeout above the processing time, or extend it with a heartbeat.',
		phenomenon: {
			claim: 'an order becomes visible again while in processing, and is processed twice',
			holds: (ev) => count(ev, (e) => e.type === 'processed' && e.again === true) > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'visibility-expired')
		}
	},
	{
		id: 'poison',
		title: 'A poison message reaches the dead-letter queue',
		scenario: poisonDlq,
		steps: [
			{ text: 'Every 25th payment is malformed and makes the Lambda function throw; maxReceiveCount is 3.' },
			{
				at: 45_000,
				speed: 10,
				text: 'The first malformed payment failed: its whole batch comes back after the 20 s visibility timeout, and every receive adds one to its receive count.',
				question: ask(
					'poison',
					'When does it move to the DLQ?',
					'On the receive after its 3rd: it is moved instead of delivered a 4th time',
					[
						'On its 3rd receive',
						'When Lambda gives up after 3 failures and deletes it',
						'Never: it is retried until its retention period ends'
					],
					'Once the receive count has reached maxReceiveCount, the next receive moves it instead (SQS-DLQ-1). A message move task can later redrive it back (SQS-DLQ-4).'
				),
				reveal: {
					until: 68_000,
					caption: 'Receive count reached 3: the next receive moves it to payments-dlq (SQS-DLQ-1)',
					highlight: { node: 'payments-dlq' }
				}
			},
			{
				at: 160_000,
				speed: 10,
				text: 'At 2:30 the operator started a message move task on the DLQ: the messages return to the queue as new messages, 2 per second (SQS-DLQ-4). The poison ones will fail again, so fix the consumer before redriving.'
			}
		],
		takeaway: 'A redrive policy stops a poison message from looping forever; fix it, then redrive it back.',
		phenomenon: {
			claim: 'messages are dead-lettered, then redriven back by a move task',
			holds: (ev) =>
				count(ev, (e) => e.type === 'dead-lettered') > 0 &&
				count(ev, (e) => e.type === 'move-task-moved') > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'dead-lettered')
		}
	},
	{
		id: 'fifo-hol',
		title: 'FIFO head-of-line blocking by one slow message',
		scenario: fifoGroups,
		steps: [
			{
				text: 'Three customers share a FIFO queue, one message group each. Every 10th acme order is slow (5 s).'
			},
			{
				at: 7_500,
				speed: 2,
				text: 'acme’s next order is a slow one; three workers are waiting for messages.',
				question: ask(
					'fifo-hol',
					'While a worker processes it, can another worker take acme’s later orders?',
					'No: acme’s later orders are behind its in-flight slow order, and nothing behind a message in flight is returned',
					[
						'Yes: idle workers take them, so acme’s orders finish out of order',
						'Yes, but each waits its turn behind the slow one in the same worker',
						'No: the whole queue stops until the slow order is deleted'
					],
					'While any message of a group is in flight, no later message of that group is returned (SQS-FIFO-5). Globex and initech keep flowing.'
				),
				reveal: {
					until: 13_500,
					caption: 'acme waits behind its slow order; globex and initech keep flowing (SQS-FIFO-5)',
					highlight: { node: 'orders.fifo' }
				}
			}
		],
		takeaway: 'Order costs throughput: one slow message stalls everything behind it in its group.',
		phenomenon: {
			claim: 'a group is blocked for 5 s while others flow',
			holds: (ev) => ev.some((e) => e.type === 'processing-started' && e.until - e.t >= 5_000),
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'processing-started' && e.until - e.t >= 5_000)
		}
	},
	{
		id: 'fifo-release',
		title: 'FIFO: the lock holds only what comes after an in-flight message',
		scenario: fifoRelease,
		steps: [
			{
				text: 'One customer’s orders share a FIFO group. Two workers each take up to 5 orders and process them one by one; a failed order is released at once (visibility 0) and the worker goes on with the rest of its batch.'
			},
			{
				at: 11_900,
				speed: 0.5,
				text: 'Worker 0 received orders 11–15 together and is on order 14, which is about to fail: the worker will release it and go on with order 15, still in flight.',
				question: ask(
					'fifo-release',
					'Order 15 is in flight with worker 0. Can worker 1 receive the released order 14 now?',
					'Yes: order 14 is ahead of the in-flight order 15, and the lock holds only what comes after it',
					[
						'No: while any message of the group is in flight, the whole group is locked',
						'No: a released message waits out the visibility timeout first',
						'Yes, and it gets order 15 with it'
					],
					'The group lock is positional (SQS-FIFO-5): a group gives the visible messages from its head up to the first one in flight. Order 14 comes back first, to worker 1, while worker 0 finishes order 15: the queue kept its order, the consumer broke it. Give up the rest of the batch when one message fails (what Lambda asks of FIFO batches, ESM-SQS-4).'
				),
				reveal: {
					until: 13_000,
					caption:
						'order 14 goes to worker 1 while worker 0 still holds order 15, and is finished right after it (SQS-FIFO-5)',
					highlight: { node: 'orders.fifo' }
				}
			}
		],
		takeaway:
			'SQS keeps a group’s order; a consumer that releases one message and keeps the rest of its batch does not.',
		phenomenon: {
			claim: 'a released order is processed after a later order of its group',
			holds: (ev) => processedOutOfOrderFirst(ev) !== undefined,
			firstAt: processedOutOfOrderFirst
		}
	},
	{
		id: 'fifo-dedup',
		title: 'FIFO deduplication inside and after the 5-minute window',
		scenario: fifoDedup,
		steps: [
			{ text: 'The same price is sent every 90 s to a FIFO queue with ContentBasedDeduplication.' },
			{
				at: 85_000,
				speed: 25,
				text: 'The first price was enqueued and processed; the identical second one is sent at 1:30.',
				question: ask(
					'fifo-dedup',
					'Is the second identical message enqueued?',
					'No: it is accepted, but deduplicated within 5 minutes',
					[
						'Yes: every successful send enqueues a message',
						'No: SendMessage fails with a duplicate error',
						'Yes, but it replaces the first one'
					],
					'A repeat of the same deduplication id (here the SHA-256 of the body) within 5 minutes is accepted and not enqueued (SQS-FIFO-3).'
				),
				reveal: {
					until: 92_000,
					speed: 2,
					caption: 'Accepted, not enqueued: same deduplication id within 5 minutes (SQS-FIFO-3)',
					highlight: { node: 'prices.fifo' }
				}
			},
			{ at: 370_000, speed: 50, text: 'After 5 minutes the same body is accepted again as a new message.' }
		],
		takeaway: 'Deduplication covers retries within 5 minutes, not forever.',
		phenomenon: {
			claim: 'deduplicated inside the window, enqueued again after it',
			holds: (ev) =>
				count(ev, (e) => e.type === 'deduplicated') > 0 &&
				count(ev, (e) => e.type === 'enqueued' && e.t >= 300_000) > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'deduplicated')
		}
	},
	{
		id: 'polling',
		title: 'Short versus long polling',
		scenario: polling,
		steps: [
			{
				at: 0,
				text: 'Two queues get a message every 5 s. One consumer short-polls, the other long-polls for 20 s.',
				question: ask(
					'polling',
					'Which consumer will make more empty receives?',
					'The short poller, by far',
					[
						'The long poller: it waits up to 20 s and often gets nothing',
						'About the same: both queues get the same traffic',
						'Neither: a queue with messages never answers empty'
					],
					'A short poll returns at once, often empty, and asks only some servers (SQS-STD-2); a long poll waits for a message.'
				),
				reveal: {
					until: 30_000,
					caption: 'Short polls come back empty again and again; the long poll waits (SQS-STD-2)',
					highlight: { node: 'short-poller' }
				}
			}
		],
		takeaway: 'Long polling (WaitTimeSeconds 20) saves requests and finds messages short polls miss.',
		phenomenon: {
			claim: 'short polls come back empty far more often',
			holds: (ev) =>
				count(ev, (e) => e.type === 'receive-empty' && e.by === 'short-poller') >
				5 * (1 + count(ev, (e) => e.type === 'receive-empty' && e.by === 'long-poller')),
			firstAt: shortPollsEmptyFirst
		}
	},
	{
		id: 'idempotent',
		title: 'Exactly-once processing with an idempotent consumer',
		scenario: idempotent,
		steps: [
			{ text: 'The same at-least-once queue, but the consumer remembers processed orders.' },
			{
				at: 35_000,
				speed: 10,
				text: '35 s in: no order has been processed twice so far. A copy that missed its delete will come back soon.',
				question: ask(
					'idempotent',
					'When the duplicate arrives, is the order processed twice?',
					'No: it is delivered, recognised and skipped',
					[
						'Yes: a delivered message is always processed',
						'No: SQS drops the duplicate before delivering it',
						'Yes, unless it lands on the same worker'
					],
					'Delivered twice is not processed twice: the idempotent consumer skips what it has seen (SQS-STD-1 still delivers the copy).'
				),
				reveal: {
					until: 41_000,
					speed: 2,
					caption: 'Duplicate delivered, recognised and skipped',
					highlight: { node: 'workers' }
				}
			}
		],
		takeaway: 'Exactly-once effects come from idempotent consumers, not from the queue.',
		phenomenon: {
			claim: 'duplicates delivered, none processed twice',
			holds: (ev) =>
				count(ev, duplicateDelivered) > 0 &&
				count(ev, (e) => e.type === 'processed' && e.again === true) === 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'processed' && e.skipped === true)
		}
	}
];
