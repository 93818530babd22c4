// The rule catalogue of the fidelity page (README, Fidelity): every rule id of the semantics reference
// (SEMANTICS.md, kept outside this repository) with its title, the part of the reference it belongs to, and
// the strongest evidence behind it. Checked in as data so a clean clone builds without the reference; a unit
// test (tests/unit/fidelity/rules.test.ts) fails when a test name cites an id that is not here.
//
// Evidence classes, strongest first:
// - 'recorded': real AWS responses recorded in LocalStack's validated snapshots or asserted by kinesalite's
//   tests against real Kinesis (the reference says "recorded" or "as AWS records it");
// - 'documented': the AWS API references and developer guides;
// - 'sim': a deterministic convention of this simulator where AWS publishes no algorithm ([sim]);
// - 'documented + sim' / 'recorded + sim': a documented or recorded rule with a [sim] part.
// `unverified` lists the numbers and claims the reference marks as not checked against AWS.

export type Evidence = 'recorded' | 'documented' | 'sim' | 'documented + sim' | 'recorded + sim';

export const EVIDENCE_CLASSES: readonly Evidence[] = [
	'recorded',
	'recorded + sim',
	'documented',
	'documented + sim',
	'sim'
];

export type Service = 'SQS' | 'SNS' | 'Kinesis' | 'Lambda' | 'Firehose' | 'Determinism';

export interface Rule {
	id: string;
	title: string;
	service: Service;
	section: string;
	evidence: Evidence;
	/** What the reference marks **(unverified)** in this rule, in a few words. */
	unverified?: readonly string[];
}

export const RULES: readonly Rule[] = [
	{
		id: 'SQS-STD-1',
		title: 'At-least-once, best-effort order',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented + sim'
	},
	{
		id: 'SQS-STD-2',
		title: 'Short poll samples, long poll queries all',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented + sim'
	},
	{
		id: 'SQS-STD-3',
		title: 'Batches',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-STD-4',
		title: 'Visibility timeout',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-STD-5',
		title: 'ChangeMessageVisibility',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'recorded'
	},
	{
		id: 'SQS-STD-6',
		title: 'Receipt handles',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented + sim',
		unverified: ['deleting a message that is already gone succeeds']
	},
	{
		id: 'SQS-STD-7',
		title: 'System attributes',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented'
	},
	{ id: 'SQS-STD-8', title: 'Delay', service: 'SQS', section: 'SQS standard queues', evidence: 'documented' },
	{
		id: 'SQS-STD-9',
		title: 'Retention',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-STD-10',
		title: 'Size and content',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'recorded + sim'
	},
	{
		id: 'SQS-STD-11',
		title: 'In-flight limits',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-STD-12',
		title: 'Fair queues (2025)',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'documented + sim'
	},
	{
		id: 'SQS-STD-13',
		title: 'Request validation as AWS records it',
		service: 'SQS',
		section: 'SQS standard queues',
		evidence: 'recorded'
	},
	{
		id: 'SQS-DLQ-1',
		title: 'RedrivePolicy',
		service: 'SQS',
		section: 'SQS dead-letter queues',
		evidence: 'recorded'
	},
	{
		id: 'SQS-DLQ-2',
		title: 'RedriveAllowPolicy',
		service: 'SQS',
		section: 'SQS dead-letter queues',
		evidence: 'documented',
		unverified: ['byQueue lists up to 10 sources']
	},
	{
		id: 'SQS-DLQ-3',
		title: 'Enqueue time on the move',
		service: 'SQS',
		section: 'SQS dead-letter queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-DLQ-4',
		title: 'Moving messages back',
		service: 'SQS',
		section: 'SQS dead-letter queues',
		evidence: 'documented',
		unverified: ['moved messages restart with receive count 0']
	},
	{ id: 'SQS-FIFO-1', title: 'Identity', service: 'SQS', section: 'SQS FIFO queues', evidence: 'documented' },
	{ id: 'SQS-FIFO-2', title: 'Groups', service: 'SQS', section: 'SQS FIFO queues', evidence: 'documented' },
	{
		id: 'SQS-FIFO-3',
		title: 'Deduplication',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'recorded',
		unverified: ['a duplicate send repeats the original MessageId']
	},
	{
		id: 'SQS-FIFO-4',
		title: 'DeduplicationScope',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{ id: 'SQS-FIFO-5', title: 'Group lock', service: 'SQS', section: 'SQS FIFO queues', evidence: 'recorded' },
	{
		id: 'SQS-FIFO-6',
		title: 'Receives fill from one group',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-FIFO-7',
		title: 'No message timers',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-FIFO-8',
		title: 'ReceiveRequestAttemptId',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-FIFO-9',
		title: 'Throughput',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented',
		unverified: [
			'up to 70,000 TPS per action in high-throughput mode',
			'about 700,000 messages/s with batching'
		]
	},
	{
		id: 'SQS-FIFO-10',
		title: 'Extra attributes',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-FIFO-11',
		title: 'A DLQ breaks order',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'documented'
	},
	{
		id: 'SQS-FIFO-12',
		title: 'Which group goes first',
		service: 'SQS',
		section: 'SQS FIFO queues',
		evidence: 'recorded + sim'
	},
	{
		id: 'SNS-TOP-1',
		title: 'Fan-out',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented'
	},
	{
		id: 'SNS-TOP-2',
		title: 'Protocols',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented',
		unverified: ['confirmation tokens last 3 days']
	},
	{
		id: 'SNS-TOP-3',
		title: 'When delivery counts as successful',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented'
	},
	{
		id: 'SNS-TOP-4',
		title: 'Size and attributes',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented',
		unverified: ['256 KiB message cap (perhaps raised in 2025)', 'Number limits: 38 digits, ±10^126']
	},
	{
		id: 'SNS-ENV-1',
		title: 'JSON envelope (non-raw SQS, HTTP/S, email-json)',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented'
	},
	{
		id: 'SNS-ENV-2',
		title: 'Raw delivery',
		service: 'SNS',
		section: 'SNS topics and envelopes',
		evidence: 'documented',
		unverified: ['more than 10 attributes on a raw SQS delivery is a client error']
	},
	{
		id: 'SNS-FP-1',
		title: 'Scope and effect',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented + sim'
	},
	{
		id: 'SNS-FP-2',
		title: 'AND across keys',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-3',
		title: 'OR within a key',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-4',
		title: 'Missing key fails',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-5',
		title: 'Exact string',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-6',
		title: 'Exact number',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented + sim'
	},
	{
		id: 'SNS-FP-7',
		title: 'Numeric range',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented',
		unverified: ['numeric ranges never match numeric-looking String values']
	},
	{
		id: 'SNS-FP-8',
		title: 'anything-but',
		service: 'SNS',
		section: 'SNS filter policies',
		// The suffix form is refused by real AWS (LocalStack test_sns_filter_policy.snapshot.json,
		// test_validate_policy_nested_anything_but_operator), so it is no longer an unverified number here.
		evidence: 'recorded'
	},
	{ id: 'SNS-FP-9', title: 'prefix', service: 'SNS', section: 'SNS filter policies', evidence: 'documented' },
	{
		id: 'SNS-FP-10',
		title: 'suffix',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-11',
		title: 'equals-ignore-case',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented + sim'
	},
	{
		id: 'SNS-FP-12',
		title: 'exists',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-13',
		title: 'cidr',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented',
		unverified: ['IPv6 blocks']
	},
	{ id: 'SNS-FP-14', title: '$or', service: 'SNS', section: 'SNS filter policies', evidence: 'documented' },
	{
		id: 'SNS-FP-15',
		title: 'Body scope',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented',
		unverified: ['a body that is not a JSON object matches nothing']
	},
	{
		id: 'SNS-FP-16',
		title: 'Types compared',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented'
	},
	{
		id: 'SNS-FP-17',
		title: 'Limits and invalid policies',
		service: 'SNS',
		section: 'SNS filter policies',
		evidence: 'documented',
		unverified: [
			'body scope counts leaf keys toward the 5',
			'$or branches add their combinations',
			'the exact InvalidParameter message'
		]
	},
	{
		id: 'SNS-RETRY-1',
		title: 'What is retried',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'documented + sim'
	},
	{
		id: 'SNS-RETRY-2',
		title: 'AWS-managed endpoints (SQS, Lambda; Firehose except for throttling)',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'documented'
	},
	{
		id: 'SNS-RETRY-3',
		title: 'Customer-managed, non-HTTP (email/SMTP, SMS, mobile push)',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'documented'
	},
	{
		id: 'SNS-RETRY-4',
		title: 'HTTP/S policy (the only one you can change)',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'documented'
	},
	{
		id: 'SNS-RETRY-5',
		title: 'HTTP failure classes',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'documented',
		unverified: ['whether 429 is retried']
	},
	{
		id: 'SNS-RETRY-6',
		title: 'Backoff curves',
		service: 'SNS',
		section: 'SNS delivery retries',
		evidence: 'sim'
	},
	{
		id: 'SNS-DLQ-1',
		title: 'Configuration',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'SNS-DLQ-2',
		title: 'What goes there',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'SNS-DLQ-3',
		title: 'DLQ message',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'recorded'
	},
	{
		id: 'SNS-FIFO-1',
		title: 'FIFO topics',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'SNS-FIFO-2',
		title: 'Publishing to a FIFO topic',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'SNS-FIFO-4',
		title: 'Group IDs on standard topics (2025)',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'SNS-API-1',
		title: 'Request validation as AWS records it',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'recorded'
	},
	{
		id: 'SNS-FIFO-3',
		title: 'Scope',
		service: 'SNS',
		section: 'SNS DLQs, FIFO topics and validation',
		evidence: 'documented'
	},
	{
		id: 'KIN-1',
		title: 'Routing',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-2',
		title: 'Initial split',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-3',
		title: 'Sequence numbers',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-4',
		title: 'Write limit per shard',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented + sim'
	},
	{
		id: 'KIN-5',
		title: 'PutRecords',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented',
		unverified: ['5 MiB per PutRecords request in the large-record era']
	},
	{
		id: 'KIN-6',
		title: 'Record size',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-7',
		title: 'Read limits (shared consumers)',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented',
		unverified: ['throttling for 5 s after a 10 MiB response', 'GetShardIterator at 5 calls/s per shard']
	},
	{
		id: 'KIN-8',
		title: 'GetRecords behaviour',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-9',
		title: 'Iterators',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-10',
		title: 'Retention',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented'
	},
	{
		id: 'KIN-11',
		title: 'Resharding',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented',
		unverified: ['UpdateShardCount calls per day']
	},
	{
		id: 'KIN-12',
		title: 'Capacity modes',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'recorded',
		unverified: ['on-demand adapts to twice the previous peak over 30 days']
	},
	{
		id: 'KIN-13',
		title: 'Enhanced fan-out',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented',
		unverified: ['subscriptions last 5 minutes']
	},
	{
		id: 'KIN-14',
		title: 'KCL in brief',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented',
		unverified: ['10 s default failover time']
	},
	{
		id: 'KIN-15',
		title: 'Stream lifecycle',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'documented + sim'
	},
	{
		id: 'KIN-16',
		title: 'Request validation as Kinesis records it',
		service: 'Kinesis',
		section: 'Kinesis Data Streams',
		evidence: 'recorded'
	},
	{
		id: 'ESM-SQS-1',
		title: 'Polling and batching',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented',
		unverified: ['MaximumBatchingWindowInSeconds max 300']
	},
	{
		id: 'ESM-SQS-2',
		title: 'Visibility advice',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-3',
		title: 'Batch outcome',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-4',
		title: 'Partial batch response',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-5',
		title: 'Scaling (standard queues)',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-6',
		title: 'FIFO sources',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-7',
		title: 'Filtering',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-SQS-8',
		title: 'Event shape',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-1',
		title: 'Parameters',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented',
		unverified: ['MaximumRecordAgeInSeconds minimum finite value 60', 'S3 as an on-failure destination']
	},
	{
		id: 'ESM-KIN-2',
		title: 'Order and concurrency',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-3',
		title: 'A failing batch blocks its shard',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-4',
		title: 'Bisect',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented',
		unverified: ['bisect splits do not use up retry attempts']
	},
	{
		id: 'ESM-KIN-5',
		title: 'Giving up',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-6',
		title: 'Partial batch response',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-7',
		title: 'IteratorAge',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{
		id: 'ESM-KIN-8',
		title: 'Event shape',
		service: 'Lambda',
		section: 'Lambda event-source mappings',
		evidence: 'documented'
	},
	{ id: 'FH-1', title: 'Buffering hints', service: 'Firehose', section: 'Firehose', evidence: 'documented' },
	{
		id: 'FH-2',
		title: 'Ingest',
		service: 'Firehose',
		section: 'Firehose',
		evidence: 'documented',
		unverified: ['PutRecord and PutRecordBatch limits']
	},
	{
		id: 'FH-3',
		title: 'Transform Lambda (optional)',
		service: 'Firehose',
		section: 'Firehose',
		evidence: 'documented'
	},
	{
		id: 'FH-4',
		title: 'No retention of its own; retries to the destination',
		service: 'Firehose',
		section: 'Firehose',
		evidence: 'documented'
	},
	{ id: 'FH-5', title: 'Output', service: 'Firehose', section: 'Firehose', evidence: 'documented' },
	{
		id: 'DET-1',
		title: 'Only exactly-rounded arithmetic decides',
		service: 'Determinism',
		section: 'Determinism across engines',
		evidence: 'sim'
	}
];
