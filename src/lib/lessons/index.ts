// Guided lessons: a scenario, a short narrative in steps, checkpoints that pause at the interesting moment
// and ask the learner to predict what happens before revealing it, a one-line takeaway, and a check over
// the trace that the phenomenon really happens (run headless by the tests).

import type { TraceEvent } from '$lib/engine';
import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';
import visibilityTooShort from '../../../scenarios/sqs-visibility-too-short.json';
import poisonDlq from '../../../scenarios/sqs-poison-dlq.json';
import fifoGroups from '../../../scenarios/sqs-fifo-groups.json';
import fifoDedup from '../../../scenarios/sqs-fifo-dedup-window.json';
import polling from '../../../scenarios/sqs-short-vs-long-polling.json';
import snsFanout from '../../../scenarios/sns-fanout-filters.json';
import snsFlaky from '../../../scenarios/sns-flaky-http.json';
import hotKey from '../../../scenarios/kinesis-hot-key.json';
import split from '../../../scenarios/kinesis-split-under-load.json';
import bisect from '../../../scenarios/kinesis-lambda-bisect.json';
import idempotent from '../../../scenarios/sqs-idempotent-consumer.json';

export interface LessonStep {
	text: string;
	/** Pause the run here (simulated ms) before showing the step. */
	at?: number;
	/** Predict before revealing. */
	question?: { prompt: string; options: string[]; answer: number; explain: string };
}

export interface Lesson {
	id: string;
	title: string;
	scenario: unknown;
	steps: LessonStep[];
	takeaway: string;
	/** What the lesson claims, checked over the whole run's trace. */
	phenomenon: { claim: string; holds: (events: readonly TraceEvent[]) => boolean };
}

const count = (events: readonly TraceEvent[], f: (e: TraceEvent) => boolean) => events.filter(f).length;

export const LESSONS: Lesson[] = [
	{
		id: 'duplicates',
		title: 'At-least-once: why a standard queue delivers twice',
		scenario: standardDuplicates,
		steps: [
			{
				text: 'Orders flow through a standard queue. Each message is stored on several simulated servers (SQS-STD-1).'
			},
			{
				at: 30_000,
				text: 'Thirty seconds in, hundreds of messages were deleted after processing.',
				question: {
					prompt: 'Will any order be delivered a second time?',
					options: ['No: every message was deleted', 'Yes: a copy can miss the delete and come back'],
					answer: 1,
					explain:
						'A delete can miss the copy on a briefly unavailable server; that copy becomes visible again and is delivered again.'
				}
			},
			{ at: 120_000, text: 'Open "What went wrong" to see each duplicate and its cause.' }
		],
		takeaway: 'Standard queues deliver at least once: make consumers idempotent.',
		phenomenon: {
			claim: 'duplicate deliveries > 0',
			holds: (ev) => count(ev, (e) => e.type === 'received' && e.duplicate === true) > 0
		}
	},
	{
		id: 'visibility',
		title: 'Visibility timeout shorter than processing',
		scenario: visibilityTooShort,
		steps: [
			{ text: 'Processing takes 6–9 s; VisibilityTimeout is 5 s.' },
			{
				at: 5_500,
				text: 'The first order has been in flight for 5 s and is still being processed.',
				question: {
					prompt: 'What happens to it now?',
					options: [
						'Nothing until the worker deletes it',
						'It becomes visible and another worker receives it'
					],
					answer: 1,
					explain:
						'When the visibility timeout runs out the message is visible again (SQS-STD-4): a second worker processes it too.'
				}
			}
		],
		takeaway: 'Set VisibilityTimeout above the processing time, or extend it with a heartbeat.',
		phenomenon: {
			claim: 'some order is processed twice',
			holds: (ev) => count(ev, (e) => e.type === 'processed' && e.again === true) > 0
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
				text: 'The first poison message has been received twice.',
				question: {
					prompt: 'After how many receives does it move to the DLQ?',
					options: ['On the 3rd receive', 'On the 4th receive attempt, after 3 receives'],
					answer: 1,
					explain:
						'Once the receive count has reached maxReceiveCount, the next receive moves it instead (SQS-DLQ-1). A message move task can later redrive it back.'
				}
			},
			{
				at: 160_000,
				text: 'At 2:30 the operator started a message move task on the DLQ: the messages return to the queue as new messages, 2 per second (SQS-DLQ-4). The poison ones will fail again, so fix the consumer before redriving.'
			}
		],
		takeaway: 'A redrive policy stops a poison message from looping forever; fix it, then redrive it back.',
		phenomenon: {
			claim: 'messages are dead-lettered, then redriven back by a move task',
			holds: (ev) =>
				count(ev, (e) => e.type === 'dead-lettered') > 0 && count(ev, (e) => e.type === 'move-task-moved') > 0
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
				at: 9_200,
				text: 'A slow acme order is being processed.',
				question: {
					prompt: 'Can another worker take acme’s next order meanwhile?',
					options: [
						'Yes, there are idle workers',
						'No: the acme group is locked while one of its messages is in flight'
					],
					answer: 1,
					explain:
						'While any message of a group is in flight, no later message of that group is returned (SQS-FIFO-5). Globex and initech keep flowing.'
				}
			}
		],
		takeaway: 'Order costs throughput: one slow message stalls its whole group.',
		phenomenon: {
			claim: 'a group is blocked for 5 s while others flow',
			holds: (ev) => ev.some((e) => e.type === 'processing-started' && e.until - e.t >= 5_000)
		}
	},
	{
		id: 'fifo-dedup',
		title: 'FIFO deduplication inside and after the 5-minute window',
		scenario: fifoDedup,
		steps: [
			{ text: 'The same price is sent every 90 s to a FIFO queue with ContentBasedDeduplication.' },
			{
				at: 100_000,
				text: 'The second identical message was just sent.',
				question: {
					prompt: 'Is it enqueued?',
					options: ['Yes, it is a new send', 'No: accepted, but deduplicated within 5 minutes'],
					answer: 1,
					explain:
						'A repeat of the same deduplication id (here the SHA-256 of the body) within 5 minutes is accepted and not enqueued (SQS-FIFO-3).'
				}
			},
			{ at: 370_000, text: 'After 5 minutes the same body is accepted again as a new message.' }
		],
		takeaway: 'Deduplication covers retries within 5 minutes, not forever.',
		phenomenon: {
			claim: 'deduplicated inside the window, enqueued again after it',
			holds: (ev) =>
				count(ev, (e) => e.type === 'deduplicated') > 0 &&
				count(ev, (e) => e.type === 'enqueued' && e.t >= 300_000) > 0
		}
	},
	{
		id: 'polling',
		title: 'Short versus long polling',
		scenario: polling,
		steps: [
			{
				text: 'Two queues get a message every 5 s. One consumer short-polls, the other long-polls for 20 s.'
			},
			{
				at: 30_000,
				text: 'Half a minute in.',
				question: {
					prompt: 'Which consumer made more empty receives?',
					options: ['The short poller', 'The long poller'],
					answer: 0,
					explain:
						'A short poll returns at once, often empty, and asks only some servers (SQS-STD-2); a long poll waits for a message.'
				}
			}
		],
		takeaway: 'Long polling (WaitTimeSeconds 20) saves requests and finds messages short polls miss.',
		phenomenon: {
			claim: 'short polls come back empty far more often',
			holds: (ev) =>
				count(ev, (e) => e.type === 'receive-empty' && e.by === 'short-poller') >
				5 * (1 + count(ev, (e) => e.type === 'receive-empty' && e.by === 'long-poller'))
		}
	},
	{
		id: 'sns-filters',
		title: 'SNS fan-out with attribute and body filter policies',
		scenario: snsFanout,
		steps: [
			{
				text: 'One topic, three queues: eu- regions only (attributes), totals over 100 (body), and everything.'
			},
			{
				at: 10_000,
				text: 'An order from ap-south-1 with a total of 74 was published.',
				question: {
					prompt: 'Which queues receive it?',
					options: ['All three', 'Only audit', 'eu-orders and audit'],
					answer: 1,
					explain:
						'Its region fails the prefix "eu-" and its total fails > 100, so it is filtered out for those two (SNS-FP-1); audit has no policy.'
				}
			}
		],
		takeaway: 'A filter policy decides per subscription; a non-match is dropped silently, not retried.',
		phenomenon: {
			claim: 'messages are filtered out',
			holds: (ev) => count(ev, (e) => e.type === 'filtered-out') > 0
		}
	},
	{
		id: 'sns-retries',
		title: 'SNS retries with backoff to a flaky HTTP endpoint',
		scenario: snsFlaky,
		steps: [
			{
				text: 'The webhook is down for 2 minutes, then flaky. Its policy: 6 retries, exponential backoff 5→60 s.'
			},
			{
				at: 130_000,
				text: 'The first invoices have used up their retries.',
				question: {
					prompt: 'Where do they go?',
					options: ['They are lost', 'To the subscription’s dead-letter queue'],
					answer: 1,
					explain:
						'After the retry policy is used up, a message goes to the subscription DLQ if it has one (SNS-DLQ-2).'
				}
			}
		],
		takeaway: 'Give HTTP subscriptions a retry policy and a dead-letter queue.',
		phenomenon: {
			claim: 'deliveries are dead-lettered',
			holds: (ev) => count(ev, (e) => e.type === 'delivery-dead-lettered') > 0
		}
	},
	{
		id: 'hot-key',
		title: 'A hot Kinesis partition key throttles one shard',
		scenario: hotKey,
		steps: [
			{ text: 'Four shards, but three clicks in four carry the key "home-page".' },
			{
				at: 5_000,
				text: 'Look at the shard bars.',
				question: {
					prompt: 'How many shards throttle?',
					options: ['All four, evenly', 'Only the one holding MD5("home-page")'],
					answer: 1,
					explain: 'All records of a key land on one shard (KIN-1), whose write limit is 1 MiB/s (KIN-4).'
				}
			}
		],
		takeaway: 'Throughput scales with keys, not just shards: spread hot keys.',
		phenomenon: {
			claim: 'puts are throttled on exactly one shard',
			holds: (ev) =>
				new Set(
					ev.filter((e) => e.type === 'put-throttled').map((e) => (e.type === 'put-throttled' ? e.shard : ''))
				).size === 1
		}
	},
	{
		id: 'resharding',
		title: 'Kinesis resharding: parents before children',
		scenario: split,
		steps: [
			{ text: 'One shard near its limit. At 20 s the operator splits it.' },
			{
				at: 23_000,
				text: 'The split is done: one closed parent, two open children.',
				question: {
					prompt: 'Does the consumer read the children at once?',
					options: [
						'Yes, all shards in parallel',
						'No: it finishes the parent first, so each key stays in order'
					],
					answer: 1,
					explain: 'Consumers read a parent to its end before its children (KIN-11).'
				}
			}
		],
		takeaway: 'Resharding keeps per-key order only if readers respect lineage.',
		phenomenon: { claim: 'a shard is split', holds: (ev) => count(ev, (e) => e.type === 'shard-split') > 0 }
	},
	{
		id: 'bisect',
		title: 'Lambda on Kinesis bisecting a poison record',
		scenario: bisect,
		steps: [
			{ text: 'A function reads two shards in batches of 20; about one record in a hundred is corrupt.' },
			{
				at: 2_500,
				text: 'A batch with a corrupt record failed.',
				question: {
					prompt: 'What does Lambda do with the batch?',
					options: ['Skips it', 'Splits it in halves and retries each, until the bad record is alone'],
					answer: 1,
					explain:
						'With BisectBatchOnFunctionError the failing batch is split recursively (ESM-KIN-4); after the retries the lone record goes to the on-failure queue.'
				}
			}
		],
		takeaway: 'Without bisect and limits, one bad record blocks its shard.',
		phenomenon: {
			claim: 'single-record batches are discarded',
			holds: (ev) => ev.some((e) => e.type === 'batch-discarded' && e.size === 1)
		}
	},
	{
		id: 'idempotent',
		title: 'Exactly-once processing with an idempotent consumer',
		scenario: idempotent,
		steps: [
			{ text: 'The same at-least-once queue, but the consumer remembers processed orders.' },
			{
				at: 120_000,
				text: 'The run is over.',
				question: {
					prompt: 'Was any order processed twice?',
					options: [
						'Yes, duplicates were delivered',
						'No: duplicates arrived but were recognised and skipped'
					],
					answer: 1,
					explain: 'Delivered twice is not processed twice: the idempotent consumer skips what it has seen.'
				}
			}
		],
		takeaway: 'Exactly-once effects come from idempotent consumers, not from the queue.',
		phenomenon: {
			claim: 'duplicates delivered, none processed twice',
			holds: (ev) =>
				count(ev, (e) => e.type === 'received' && e.duplicate === true) > 0 &&
				count(ev, (e) => e.type === 'processed' && e.again === true) === 0
		}
	}
];
