// SNS and Kinesis lessons. As in sqs.ts, each question is asked before its phenomenon happens (checked by the
// unit tests over the headless trace).

import snsFanout from '../../../scenarios/sns-fanout-filters.json';
import snsFlaky from '../../../scenarios/sns-flaky-http.json';
import hotKey from '../../../scenarios/kinesis-hot-key.json';
import split from '../../../scenarios/kinesis-split-under-load.json';
import bisect from '../../../scenarios/kinesis-lambda-bisect.json';
import { ask, count, firstWhere, type Lesson } from './types';

const PARENT_SHARD = 'shardId-000000000000';

export const STREAM_LESSONS: Lesson[] = [
	{
		id: 'sns-filters',
		title: 'SNS fan-out with attribute and body filter policies',
		scenario: snsFanout,
		steps: [
			{
				at: 0,
				speed: 0.5,
				text: 'One topic, three queues: eu- regions only (attributes), totals over 100 (body), and everything. The first order, from us-east-1 with a total of 220, is about to be published.',
				question: ask(
					'sns-filters',
					'Which queues receive it?',
					'big-orders and audit',
					['All three', 'Only audit', 'eu-orders and audit'],
					'Its region fails the prefix "eu-", so eu-orders filters it out (SNS-FP-1); its total passes > 100 (SNS-FP-15); audit has no policy.'
				),
				reveal: {
					until: 600,
					caption: 'Filtered out for eu-orders; delivered to big-orders and audit (SNS-FP-1)',
					highlight: { node: 'orders' }
				}
			}
		],
		takeaway: 'A filter policy decides per subscription; a non-match is dropped silently, not retried.',
		phenomenon: {
			claim: 'messages are filtered out',
			holds: (ev) => count(ev, (e) => e.type === 'filtered-out') > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'filtered-out')
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
				at: 125_000,
				speed: 25,
				text: 'The first invoices are on their last retries to the webhook.',
				question: ask(
					'sns-retries',
					'Where do they go when the retries are used up?',
					'To the subscription’s dead-letter queue',
					[
						'Nowhere: SNS keeps retrying until the endpoint answers',
						'Back to the topic, to be published again',
						'To the ledger queue, the topic’s other subscription'
					],
					'After the retry policy is used up, a message goes to the subscription DLQ if it has one (SNS-DLQ-2), else it is dropped (SNS-RETRY-1).'
				),
				reveal: {
					until: 135_000,
					speed: 5,
					caption: 'Retries used up: the invoice goes to webhook-dlq (SNS-DLQ-2)',
					highlight: { node: 'webhook-dlq' }
				}
			}
		],
		takeaway: 'Give HTTP subscriptions a retry policy and a dead-letter queue.',
		phenomenon: {
			claim: 'deliveries are dead-lettered',
			holds: (ev) => count(ev, (e) => e.type === 'delivery-dead-lettered') > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'delivery-dead-lettered')
		}
	},
	{
		id: 'hot-key',
		title: 'A hot Kinesis partition key throttles one shard',
		scenario: hotKey,
		steps: [
			{
				at: 500,
				speed: 0.5,
				text: 'Four shards, but three clicks in four carry the key "home-page". Watch the shard bars fill.',
				question: ask(
					'hot-key',
					'How many shards will throttle?',
					'Only the one holding MD5("home-page")',
					[
						'All four, evenly: Kinesis spreads the load',
						'None: four shards take 4 MiB/s together',
						'Two: the hot key spills over to the next shard'
					],
					'All records of a key land on one shard (KIN-1), whose write limit is 1 MiB/s (KIN-4).'
				),
				reveal: {
					until: 3_000,
					speed: 1,
					caption: 'One shard over its 1 MiB/s write limit; the others idle (KIN-1, KIN-4)',
					highlight: { node: 'clicks' }
				}
			}
		],
		takeaway: 'Throughput scales with keys, not just shards: spread hot keys.',
		phenomenon: {
			claim: 'puts are throttled on exactly one shard',
			holds: (ev) =>
				new Set(
					ev.filter((e) => e.type === 'put-throttled').map((e) => (e.type === 'put-throttled' ? e.shard : ''))
				).size === 1,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'put-throttled')
		}
	},
	{
		id: 'resharding',
		title: 'Kinesis resharding: parents before children',
		scenario: split,
		steps: [
			{ text: 'One shard near its limit. At 20 s the operator splits it.' },
			{
				at: 21_000,
				speed: 10,
				text: 'The split is under way: the stream is UPDATING, and the parent will close with two children taking over.',
				question: ask(
					'resharding',
					'Once the children are open, what does the consumer read?',
					'It finishes the parent first, then reads the children, so each key stays in order',
					[
						'All three shards in parallel, as fast as it can',
						'Only the children: the parent’s last records are dropped',
						'Nothing new until it is restarted and discovers the children'
					],
					'Consumers read a parent to its end before its children (KIN-11).'
				),
				reveal: {
					until: 24_000,
					caption: 'Parent read to its end, then the children (KIN-11)',
					highlight: { node: 'events' },
					speed: 1
				}
			}
		],
		takeaway: 'Resharding keeps per-key order only if readers respect lineage.',
		phenomenon: {
			claim: 'a shard is split and its children are read',
			holds: (ev) => count(ev, (e) => e.type === 'shard-split') > 0,
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'records-read' && e.shard !== PARENT_SHARD)
		}
	},
	{
		id: 'bisect',
		title: 'Lambda on Kinesis bisecting a poison record',
		scenario: bisect,
		steps: [
			{ text: 'A function reads two shards in batches of 20; about one record in a hundred is corrupt.' },
			{
				at: 1_200,
				speed: 0.5,
				text: 'Two batches of 20 are being processed, one per shard; the one from shardId-000000000000 holds a corrupt record.',
				question: ask(
					'bisect',
					'What does Lambda do when the batch fails?',
					'Splits it in halves and retries each, until the bad record is alone',
					[
						'Skips the whole batch and moves on',
						'Retries the same 20 records until they expire',
						'Retries only the corrupt record, at once'
					],
					'With BisectBatchOnFunctionError the failing batch is split recursively (ESM-KIN-4); after the retries the lone record goes to the on-failure queue.'
				),
				reveal: {
					until: 2_500,
					caption:
						'Halves retried until the corrupt record is alone, then sent to ingest-failures (ESM-KIN-4)',
					highlight: { node: 'ingest' }
				}
			}
		],
		takeaway: 'Without bisect and limits, one bad record blocks its shard.',
		phenomenon: {
			claim: 'single-record batches are discarded',
			holds: (ev) => ev.some((e) => e.type === 'batch-discarded' && e.size === 1),
			firstAt: (ev) => firstWhere(ev, (e) => e.type === 'batch-discarded' && e.size === 1)
		}
	}
];
