// Fuzzing the sandbox's AWS-shaped clients (issue 14, point 5): every method of `sqs`, `sns`, `kinesis` and
// `firehose` is called with arbitrary values and with mutations of a valid input. Whatever happens, a thrown
// error is an AWS error (its `name` one of the service's error codes, with a message), a returned Promise
// settles the same way, batch results name AWS codes, simulated time can advance, and valid calls still work
// afterwards. The methods are read off the client objects, so a new method is fuzzed without being listed
// (and the test asks for a valid example of it). Every property has a fixed seed, so a failure reproduces;
// fast-check prints the seed and the shrunk input. FUZZ_RUNS=<n> runs every property n times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsError, createSandbox, type Sandbox } from '../../../src/lib/sandbox';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
/** Options for fc.assert: a fixed seed, and `runs` unless FUZZ_RUNS asks for more. */
const opts = (seed: number, runs: number) => ({
	seed,
	numRuns: Number.isInteger(FUZZ_RUNS) && FUZZ_RUNS > 0 ? FUZZ_RUNS : runs
});
/** A deeper run takes longer than the default per-test timeout. */
const TIMEOUT = { timeout: FUZZ_RUNS > 0 ? 3_600_000 : 60_000 };

type Service = 'sqs' | 'sns' | 'kinesis' | 'firehose';
const SERVICES: Service[] = ['sqs', 'sns', 'kinesis', 'firehose'];

// What counts as an AWS error ------------------------------------------------------------------------------

/**
 * Each service's error codes as the AWS SDK v3 names them (the exception shapes of its API model, plus the
 * common and framework errors the services send: ValidationError, SerializationException…).
 */
const CODES: Record<Service, ReadonlySet<string>> = {
	sqs: new Set([
		'BatchEntryIdsNotDistinct',
		'BatchRequestTooLong',
		'EmptyBatchRequest',
		'InvalidAttributeName',
		'InvalidAttributeValue',
		'InvalidBatchEntryId',
		'InvalidIdFormat',
		'InvalidMessageContents',
		'InvalidParameterValue',
		'InvalidSecurity',
		'MessageNotInflight',
		'MissingParameter',
		'OverLimit',
		'PurgeQueueInProgress',
		'QueueDeletedRecently',
		'QueueDoesNotExist',
		'QueueNameExists',
		'ReceiptHandleIsInvalid',
		'RequestThrottled',
		'ResourceNotFoundException',
		'ThrottlingException',
		'TooManyEntriesInBatchRequest',
		'UnsupportedOperation'
	]),
	sns: new Set([
		'AuthorizationErrorException',
		'BatchEntryIdsNotDistinctException',
		'BatchRequestTooLongException',
		'EmptyBatchRequestException',
		'InternalErrorException',
		'InvalidBatchEntryIdException',
		'InvalidParameterException',
		'InvalidParameterValueException',
		'NotFoundException',
		'ResourceNotFoundException',
		'SubscriptionLimitExceededException',
		'ThrottledException',
		'TooManyEntriesInBatchRequestException',
		'TopicLimitExceededException',
		'ValidationError'
	]),
	kinesis: new Set([
		'AccessDeniedException',
		'ExpiredIteratorException',
		'ExpiredNextTokenException',
		'InternalFailure',
		'InvalidArgumentException',
		'LimitExceededException',
		'ProvisionedThroughputExceededException',
		'ResourceInUseException',
		'ResourceNotFoundException',
		'SerializationException',
		'ValidationException'
	]),
	firehose: new Set([
		'ConcurrentModificationException',
		'InvalidArgumentException',
		'InvalidKMSResourceException',
		'LimitExceededException',
		'ResourceInUseException',
		'ResourceNotFoundException',
		'SerializationException',
		'ServiceUnavailableException',
		'ValidationException'
	])
};

/** A batch entry's code: the SDK's name, or (SNS's Failed entries) the wire code without "Exception". */
function isEntryCode(service: Service, code: string): boolean {
	return CODES[service].has(code) || CODES[service].has(`${code}Exception`);
}

function expectAwsError(service: Service, err: unknown, where: string): void {
	const name = (err as { name?: unknown } | null)?.name;
	const message = (err as { message?: unknown } | null)?.message;
	const what = `${where} threw ${String(name)}: ${String(message)}`;
	expect(err, what).toBeInstanceOf(AwsError);
	expect(CODES[service].has(String(name)), what).toBe(true);
	expect(typeof message === 'string' && message.trim().length > 0, what).toBe(true);
}

/** Codes inside an output (SQS/SNS `Failed[].Code`, Kinesis `Records[].ErrorCode`…) are AWS codes too. */
function expectAwsCodes(service: Service, out: unknown, where: string, depth = 0): void {
	if (depth > 6 || out === null || typeof out !== 'object') return;
	const proto = Object.getPrototypeOf(out) as unknown;
	if (!Array.isArray(out) && proto !== Object.prototype && proto !== null) return; // nodes, bytes, dates
	for (const [k, v] of Object.entries(out)) {
		if ((k === 'Code' || k === 'ErrorCode') && typeof v === 'string') {
			expect(isEntryCode(service, v), `${where} returned the code ${v}`).toBe(true);
		}
		expectAwsCodes(service, v, where, depth + 1);
	}
}

// A sandbox with one of everything ---------------------------------------------------------------------------

interface Fixture {
	sb: Sandbox;
	q: string;
	qArn: string;
	fifo: string;
	dlq: string;
	dlqArn: string;
	dlq2Arn: string;
	handle: string;
	fifoHandle: string;
	task: string;
	topic: string;
	fifoTopic: string;
	sub: string;
	httpSub: string;
	token: string;
	streamArn: string;
	iterator: string;
	seq: string;
	seqShard: string;
	consumerArn: string;
	deliveryArn: string;
}

const HOOK = 'https://example.com/hook';
const SHARD0 = 'shardId-000000000000';

function arnOf(sb: Sandbox, url: string): string {
	return sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes
		?.QueueArn as string;
}

function fixture(): Fixture {
	const sb = createSandbox({ seed: 7 });
	const { sqs, sns, kinesis, firehose } = sb;
	const dlq = sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
	const dlqArn = arnOf(sb, dlq);
	const dlq2 = sqs.createQueue({ QueueName: 'dlq2' }).QueueUrl;
	const dlq2Arn = arnOf(sb, dlq2);
	const redrive = (arn: string) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 });
	const q = sqs.createQueue({ QueueName: 'q', Attributes: { RedrivePolicy: redrive(dlqArn) } }).QueueUrl;
	sqs.addPermission({ QueueUrl: q, Label: 'p', AWSAccountIds: ['000000000000'], Actions: ['SendMessage'] });
	const q2 = sqs.createQueue({ QueueName: 'q2', Attributes: { RedrivePolicy: redrive(dlq2Arn) } }).QueueUrl;
	const fifo = sqs.createQueue({
		QueueName: 'f.fifo',
		Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
	}).QueueUrl;
	sqs.sendMessage({ QueueUrl: q, MessageBody: 'one' });
	sqs.sendMessage({ QueueUrl: q, MessageBody: 'two' });
	const handle = sqs.receiveMessage({ QueueUrl: q }).Messages?.[0]?.ReceiptHandle as string;
	sqs.sendMessage({ QueueUrl: fifo, MessageBody: 'one', MessageGroupId: 'g' });
	const fifoHandle = sqs.receiveMessage({ QueueUrl: fifo }).Messages?.[0]?.ReceiptHandle as string;
	sqs.sendMessage({ QueueUrl: dlq, MessageBody: 'dead' });
	for (let k = 0; k < 3; k++) sqs.sendMessage({ QueueUrl: dlq2, MessageBody: `dead ${k}` });
	const task = sqs.startMessageMoveTask({
		SourceArn: dlq2Arn,
		DestinationArn: arnOf(sb, q2),
		MaxNumberOfMessagesPerSecond: 1
	}).TaskHandle;

	const topic = sns.createTopic({ Name: 't' }).TopicArn;
	const fifoTopic = sns.createTopic({
		Name: 't.fifo',
		Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }
	}).TopicArn;
	const sub = sns.subscribe({ TopicArn: topic, Protocol: 'sqs', Endpoint: arnOf(sb, q) }).SubscriptionArn;
	const httpSub = sns.subscribe({
		TopicArn: topic,
		Protocol: 'https',
		Endpoint: HOOK,
		ReturnSubscriptionArn: true
	}).SubscriptionArn;
	const token = sns.confirmationToken(HOOK) as string;

	kinesis.createStream({ StreamName: 's', ShardCount: 2 });
	sb.advanceTime(500); // KIN-15: CREATING, then ACTIVE
	const streamArn = kinesis.describeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
	const put = kinesis.putRecord({ StreamName: 's', PartitionKey: 'k', Data: 'x' });
	const seq = put.SequenceNumber;
	const iterator = kinesis.getShardIterator({
		StreamName: 's',
		ShardId: put.ShardId,
		ShardIteratorType: 'TRIM_HORIZON'
	}).ShardIterator;
	const consumerArn = kinesis.registerStreamConsumer({ StreamARN: streamArn, ConsumerName: 'c' }).Consumer
		.ConsumerARN;
	const deliveryArn = firehose.createDeliveryStream({
		DeliveryStreamName: 'd',
		ExtendedS3DestinationConfiguration: {
			BucketARN: 'arn:aws:s3:::bucket',
			BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }
		}
	}).DeliveryStreamARN;
	return {
		sb,
		q,
		qArn: arnOf(sb, q),
		fifo,
		dlq,
		dlqArn,
		dlq2Arn,
		handle,
		fifoHandle,
		task,
		topic,
		fifoTopic,
		sub,
		httpSub,
		token,
		streamArn,
		iterator,
		seq,
		seqShard: put.ShardId,
		consumerArn,
		deliveryArn
	};
}

type Example = (f: Fixture) => unknown[];

/** A valid call of every method (its arguments), on a fresh fixture. */
const EXAMPLES: Record<Service, Record<string, Example>> = {
	sqs: {
		createQueue: () => [
			{
				QueueName: 'new.fifo',
				Attributes: { FifoQueue: 'true', VisibilityTimeout: '5', DelaySeconds: '0' },
				tags: { team: 'a' }
			}
		],
		getQueueUrl: () => [{ QueueName: 'q', QueueOwnerAWSAccountId: '000000000000' }],
		listQueues: () => [{ QueueNamePrefix: 'q', MaxResults: 5 }],
		deleteQueue: (f) => [{ QueueUrl: f.q }],
		getQueueAttributes: (f) => [{ QueueUrl: f.q, AttributeNames: ['All'] }],
		setQueueAttributes: (f) => [
			{ QueueUrl: f.q, Attributes: { VisibilityTimeout: '10', ReceiveMessageWaitTimeSeconds: '1' } }
		],
		listDeadLetterSourceQueues: (f) => [{ QueueUrl: f.dlq }],
		tagQueue: (f) => [{ QueueUrl: f.q, Tags: { team: 'a' } }],
		untagQueue: (f) => [{ QueueUrl: f.q, TagKeys: ['team'] }],
		addPermission: (f) => [
			{ QueueUrl: f.q, Label: 'p2', AWSAccountIds: ['000000000000'], Actions: ['ReceiveMessage'] }
		],
		removePermission: (f) => [{ QueueUrl: f.q, Label: 'p' }],
		listQueueTags: (f) => [{ QueueUrl: f.q }],
		sendMessage: (f) => [
			{
				QueueUrl: f.q,
				MessageBody: 'hello',
				DelaySeconds: 1,
				MessageGroupId: 'g',
				MessageAttributes: {
					s: { DataType: 'String', StringValue: 'v' },
					n: { DataType: 'Number', StringValue: '1.5' },
					b: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) }
				},
				MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1' } }
			}
		],
		sendMessageBatch: (f) => [
			{
				QueueUrl: f.fifo,
				Entries: [
					{ Id: 'a', MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd1' },
					{
						Id: 'b',
						MessageBody: 'y',
						MessageGroupId: 'g',
						MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } }
					}
				]
			}
		],
		receiveMessage: (f) => [
			{
				QueueUrl: f.q,
				MaxNumberOfMessages: 10,
				VisibilityTimeout: 5,
				WaitTimeSeconds: 1,
				AttributeNames: ['All'],
				MessageSystemAttributeNames: ['SentTimestamp'],
				MessageAttributeNames: ['All']
			}
		],
		deleteMessage: (f) => [{ QueueUrl: f.q, ReceiptHandle: f.handle }],
		deleteMessageBatch: (f) => [{ QueueUrl: f.fifo, Entries: [{ Id: 'a', ReceiptHandle: f.fifoHandle }] }],
		changeMessageVisibility: (f) => [{ QueueUrl: f.q, ReceiptHandle: f.handle, VisibilityTimeout: 0 }],
		changeMessageVisibilityBatch: (f) => [
			{ QueueUrl: f.q, Entries: [{ Id: 'a', ReceiptHandle: f.handle, VisibilityTimeout: 60 }] }
		],
		purgeQueue: (f) => [{ QueueUrl: f.q }],
		startMessageMoveTask: (f) => [
			{ SourceArn: f.dlqArn, DestinationArn: f.qArn, MaxNumberOfMessagesPerSecond: 10 }
		],
		cancelMessageMoveTask: (f) => [{ TaskHandle: f.task }],
		listMessageMoveTasks: (f) => [{ SourceArn: f.dlq2Arn, MaxResults: 10 }],
		queueNode: (f) => [f.q],
		resolve: (f) => [f.qArn]
	},
	sns: {
		simulateEndpoint: () => [
			HOOK,
			{
				LatencyMs: 100,
				ErrorRate: 0.5,
				ClientErrorRate: 0.1,
				MaxPerSecond: 5,
				Outages: [{ fromMs: 0, toMs: 5_000, failure: 'timeout' }],
				AutoConfirm: true
			}
		],
		confirmationToken: () => [HOOK],
		topicNode: (f) => [f.topic],
		createTopic: () => [
			{
				Name: 'n.fifo',
				Attributes: { FifoTopic: 'true', DisplayName: 'N' },
				Tags: [{ Key: 'team', Value: 'a' }]
			}
		],
		listTopics: () => [{}],
		deleteTopic: (f) => [{ TopicArn: f.topic }],
		getTopicAttributes: (f) => [{ TopicArn: f.topic }],
		setTopicAttributes: (f) => [{ TopicArn: f.topic, AttributeName: 'DisplayName', AttributeValue: 'T' }],
		subscribe: (f) => [
			{
				TopicArn: f.topic,
				Protocol: 'https',
				Endpoint: 'https://example.com/other',
				Attributes: { RawMessageDelivery: 'true', FilterPolicy: '{"k":["v"]}' },
				ReturnSubscriptionArn: true
			}
		],
		confirmSubscription: (f) => [{ TopicArn: f.topic, Token: f.token }],
		unsubscribe: (f) => [{ SubscriptionArn: f.sub }],
		listSubscriptionsByTopic: (f) => [{ TopicArn: f.topic }],
		listSubscriptions: () => [{}],
		tagResource: (f) => [{ ResourceArn: f.topic, Tags: [{ Key: 'team', Value: 'a' }] }],
		untagResource: (f) => [{ ResourceArn: f.topic, TagKeys: ['team'] }],
		listTagsForResource: (f) => [{ ResourceArn: f.topic }],
		getSubscriptionAttributes: (f) => [{ SubscriptionArn: f.sub }],
		setSubscriptionAttributes: (f) => [
			{ SubscriptionArn: f.sub, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }
		],
		publish: (f) => [
			{
				TopicArn: f.topic,
				Message: 'hello',
				Subject: 'hi',
				MessageAttributes: {
					k: { DataType: 'String', StringValue: 'v' },
					b: { DataType: 'Binary', BinaryValue: 'AQI=' }
				}
			}
		],
		publishBatch: (f) => [
			{
				TopicArn: f.fifoTopic,
				PublishBatchRequestEntries: [
					{ Id: 'a', Message: 'x', MessageGroupId: 'g' },
					{ Id: 'b', Message: 'y', MessageGroupId: 'g', MessageDeduplicationId: 'd' }
				]
			}
		]
	},
	kinesis: {
		streamNode: () => ['s'],
		createStream: () => [{ StreamName: 'n', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }],
		deleteStream: () => [{ StreamName: 's', EnforceConsumerDeletion: true }],
		listStreams: () => [{}],
		describeStreamSummary: (f) => [{ StreamARN: f.streamArn }],
		listShards: () => [{ StreamName: 's', ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: SHARD0 } }],
		describeStream: () => [{ StreamName: 's' }],
		putRecord: (f) => [
			{ StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([1]), SequenceNumberForOrdering: f.seq }
		],
		putRecords: () => [
			{
				StreamName: 's',
				Records: [
					{ PartitionKey: 'a', Data: 'x' },
					{ PartitionKey: 'b', Data: new Uint8Array([2]), ExplicitHashKey: '1' }
				]
			}
		],
		getShardIterator: (f) => [
			{
				StreamName: 's',
				ShardId: f.seqShard,
				ShardIteratorType: 'AT_SEQUENCE_NUMBER',
				StartingSequenceNumber: f.seq
			}
		],
		getRecords: (f) => [{ ShardIterator: f.iterator, Limit: 10 }],
		splitShard: () => [{ StreamName: 's', ShardToSplit: SHARD0, NewStartingHashKey: '1000' }],
		mergeShards: () => [
			{ StreamName: 's', ShardToMerge: SHARD0, AdjacentShardToMerge: 'shardId-000000000001' }
		],
		updateShardCount: () => [{ StreamName: 's', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' }],
		registerStreamConsumer: (f) => [{ StreamARN: f.streamArn, ConsumerName: 'c2' }],
		describeStreamConsumer: (f) => [{ ConsumerARN: f.consumerArn }],
		listStreamConsumers: (f) => [{ StreamARN: f.streamArn }],
		deregisterStreamConsumer: (f) => [{ ConsumerARN: f.consumerArn }],
		subscribeToShard: (f) => [
			{
				ConsumerARN: f.consumerArn,
				ShardId: SHARD0,
				StartingPosition: { Type: 'AT_TIMESTAMP', Timestamp: new Date(0) }
			}
		],
		addTagsToStream: () => [{ StreamName: 's', Tags: { team: 'a' } }],
		listTagsForStream: () => [{ StreamName: 's' }],
		removeTagsFromStream: () => [{ StreamName: 's', TagKeys: ['team'] }],
		updateStreamMode: (f) => [{ StreamARN: f.streamArn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }],
		updateMaxRecordSize: (f) => [{ StreamARN: f.streamArn, MaxRecordSizeInKiB: 2048 }],
		increaseStreamRetentionPeriod: () => [{ StreamName: 's', RetentionPeriodHours: 48 }],
		decreaseStreamRetentionPeriod: () => [{ StreamName: 's', RetentionPeriodHours: 24 }]
	},
	firehose: {
		createDeliveryStream: (f) => [
			{
				DeliveryStreamName: 'from-kinesis',
				DeliveryStreamType: 'KinesisStreamAsSource',
				KinesisStreamSourceConfiguration: { KinesisStreamARN: f.streamArn, RoleARN: 'arn:aws:iam::0:role/r' },
				ExtendedS3DestinationConfiguration: {
					BucketARN: 'arn:aws:s3:::b',
					Prefix: 'p/',
					BufferingHints: { SizeInMBs: 2, IntervalInSeconds: 0 }
				}
			}
		],
		describeDeliveryStream: () => [{ DeliveryStreamName: 'd' }],
		putRecord: () => [{ DeliveryStreamName: 'd', Record: { Data: 'line\n' } }],
		putRecordBatch: () => [
			{ DeliveryStreamName: 'd', Records: [{ Data: 'a\n' }, { Data: new Uint8Array([98, 10]) }] }
		],
		deleteDeliveryStream: () => [{ DeliveryStreamName: 'd' }],
		listObjects: () => ['d']
	}
};

/** Every callable member of a client: its prototype's methods and its own function-valued fields. */
function methodsOf(client: object): string[] {
	const names = new Set<string>();
	const at = client as Record<string, unknown>;
	for (let p = Object.getPrototypeOf(client) as object | null; p && p !== Object.prototype;) {
		for (const n of Object.getOwnPropertyNames(p))
			if (n !== 'constructor' && typeof at[n] === 'function') names.add(n);
		p = Object.getPrototypeOf(p) as object | null;
	}
	for (const n of Object.keys(client)) if (typeof at[n] === 'function') names.add(n);
	return [...names].sort();
}

const PROBE = createSandbox();
const METHODS: Record<Service, string[]> = {
	sqs: methodsOf(PROBE.sqs),
	sns: methodsOf(PROBE.sns),
	kinesis: methodsOf(PROBE.kinesis),
	firehose: methodsOf(PROBE.firehose)
};

// Calling a method and checking what happens ---------------------------------------------------------------

/** Follows an EventStream (SubscribeToShard) for two events, advancing time, as a consumer would. */
async function follow(sb: Sandbox, stream: AsyncIterable<unknown>): Promise<void> {
	const it = stream[Symbol.asyncIterator]();
	for (let k = 0; k < 2; k++) {
		const next = it.next();
		sb.advanceTime(1_000);
		if ((await next).done) return;
	}
}

/** Calls `service.method(...args)`; every way it can fail must be an AWS error. */
async function callChecked(f: Fixture, service: Service, method: string, args: unknown[]): Promise<void> {
	const where = `${service}.${method}`;
	const client = f.sb[service] as unknown as Record<string, (...a: unknown[]) => unknown>;
	let out: unknown;
	try {
		out = (client[method] as (...a: unknown[]) => unknown).apply(client, args);
	} catch (err) {
		expectAwsError(service, err, where);
		return;
	}
	if (out instanceof Promise) {
		f.sb.advanceTime(25_000); // a long poll ends within 20 s (SQS-STD-2)
		try {
			out = await out;
		} catch (err) {
			expectAwsError(service, err, `${where} (its Promise)`);
			return;
		}
	}
	expectAwsCodes(service, out, where);
	const events = (out as { EventStream?: unknown } | undefined)?.EventStream;
	if (events && typeof events === 'object' && Symbol.asyncIterator in events) {
		try {
			await follow(f.sb, events as AsyncIterable<unknown>);
		} catch (err) {
			expectAwsError(service, err, `${where} (its EventStream)`);
		}
	}
}

let healthChecks = 0;

/** Time still advances and fresh resources of every service work, whatever the fuzzed call left behind. */
async function stillWorks(f: Fixture): Promise<void> {
	const { sb } = f;
	sb.advanceTime(30_000);
	const n = ++healthChecks;
	const url = sb.sqs.createQueue({ QueueName: `health-${n}` }).QueueUrl;
	sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'ok' });
	expect(sb.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 0 }).Messages?.[0]?.Body).toBe('ok');
	const topic = sb.sns.createTopic({ Name: `health-${n}` }).TopicArn;
	sb.sns.subscribe({ TopicArn: topic, Protocol: 'sqs', Endpoint: arnOf(sb, url) });
	sb.sns.publish({ TopicArn: topic, Message: 'fan-out' });
	sb.kinesis.createStream({ StreamName: `health-${n}`, ShardCount: 1 });
	sb.advanceTime(500); // KIN-15: CREATING, then ACTIVE
	sb.kinesis.putRecord({ StreamName: `health-${n}`, PartitionKey: 'k', Data: 'ok' });
	sb.firehose.createDeliveryStream({
		DeliveryStreamName: `health-${n}`,
		ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::b' }
	});
	sb.firehose.putRecord({ DeliveryStreamName: `health-${n}`, Record: { Data: 'ok' } });
	// The fixture's own resources, if the fuzzed call left them: AWS errors are fine, nothing else is.
	const probes: [Service, string, unknown[]][] = [
		['sqs', 'receiveMessage', [{ QueueUrl: f.q, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }]],
		['sqs', 'sendMessage', [{ QueueUrl: f.fifo, MessageBody: 'ok', MessageGroupId: 'g' }]],
		['sns', 'publish', [{ TopicArn: f.topic, Message: 'ok' }]],
		['kinesis', 'putRecords', [{ StreamName: 's', Records: [{ PartitionKey: 'k', Data: 'ok' }] }]],
		['firehose', 'putRecord', [{ DeliveryStreamName: 'd', Record: { Data: 'ok' } }]]
	];
	for (const [service, method, args] of probes) await callChecked(f, service, method, args);
	sb.advanceTime(600_000);
	expect(sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages?.length).toBe(2);
}

// Arbitrary values --------------------------------------------------------------------------------------------

function isPlain(x: unknown): x is Record<string, unknown> {
	if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
	const proto = Object.getPrototypeOf(x) as unknown;
	return proto === Object.prototype || proto === null;
}

function keysOf(x: unknown, out: string[] = []): string[] {
	if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
	else if (isPlain(x)) {
		for (const [k, v] of Object.entries(x)) {
			out.push(k);
			keysOf(v, out);
		}
	}
	return out;
}

/** Member names the APIs use (read from the examples), so random objects often hit a real member. */
const KEYS = (() => {
	const f = fixture();
	const all = SERVICES.flatMap((s) => Object.values(EXAMPLES[s]).flatMap((example) => keysOf(example(f))));
	return [...new Set(all)].sort();
})();

const nullProto = (): unknown => Object.assign(Object.create(null) as object, { DataType: 'String' });

/** Values that tend to break input handling: wrong types, edge numbers, odd objects. */
const leaf: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom<unknown>(
		undefined,
		null,
		true,
		false,
		0,
		-0,
		-1,
		1,
		1.5,
		2 ** 31,
		2 ** 53 + 2,
		1e308,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY,
		'',
		' ',
		'true',
		'True',
		'1',
		'-1',
		'NaN',
		'x',
		'All',
		'String',
		'Binary',
		'Number',
		'q',
		's',
		'd',
		'!!!',
		'\u0000',
		'\ud800',
		'__proto__',
		'arn:aws:sqs:us-east-1:000000000000:q',
		'https://sqs.us-east-1.amazonaws.com/000000000000/q',
		'arn:aws:sns:us-east-1:000000000000:t',
		'arn:aws:kinesis:us-east-1:000000000000:stream/s',
		SHARD0,
		'TRIM_HORIZON',
		'LATEST',
		'AT_TIMESTAMP',
		'AFTER_SHARD_ID',
		'ON_DEMAND',
		'UNIFORM_SCALING',
		'KinesisStreamAsSource',
		'sqs',
		'https',
		'sms',
		'[]',
		'{}',
		'{"default":"x"}',
		[],
		{},
		[null],
		[undefined],
		{ DataType: 'String' },
		{ Data: null },
		new Date(Number.NaN),
		new Date(0),
		new Uint8Array(0),
		new Uint8Array([0, 255])
	),
	fc.constant(null).map(nullProto),
	fc.string({ maxLength: 12 }),
	fc.integer(),
	fc.double(),
	fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
	fc.date({ noInvalidDate: false }),
	fc.uint8Array({ maxLength: 6 })
);

const key: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...KEYS) },
	fc.constantFrom('__proto__', 'constructor', 'toString'),
	fc.string({ maxLength: 8 })
);

const { value: anything } = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		leaf,
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(key, tie('value'), { maxKeys: 5, noNullPrototype: false })
	)
}));

// Mutations of a valid input -----------------------------------------------------------------------------------

type Key = string | number;

/** Every location in a value, not looking inside bytes or dates (the root is []). */
function locations(x: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
	out.push(at);
	if (at.length > 12) return out;
	if (Array.isArray(x)) x.forEach((v, k) => locations(v, [...at, k], out));
	else if (isPlain(x)) for (const [k, v] of Object.entries(x)) locations(v, [...at, k], out);
	return out;
}

function get(x: unknown, path: Key[]): unknown {
	let v = x;
	for (const k of path) v = (v as Record<Key, unknown>)[k];
	return v;
}

/** JSON text of a value, when it has one (BigInt and cycles do not). */
function text(v: unknown): string {
	try {
		return JSON.stringify(v) ?? 'undefined';
	} catch {
		return '[unserialisable]';
	}
}

/** A value of another type than `v` (the `pick`th of several). */
function retype(v: unknown, pick: number): unknown {
	const options: unknown[] =
		typeof v === 'string'
			? [v.length, v === '' ? false : true, [v], { v }, Number(v), new Uint8Array([1])]
			: typeof v === 'number'
				? [String(v), v !== 0, [v], { v }, -v - 0.5, new Date(v)]
				: typeof v === 'boolean'
					? [String(v), v ? 1 : 0, [v], { v }]
					: Array.isArray(v)
						? [{ ...v }, v.length, text(v), [...v, null], [[...v]], [undefined]]
						: v instanceof Uint8Array
							? [Array.from(v), 'AQI=', v.length, {}, '!!!']
							: v instanceof Date
								? [Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString(), {}, true, [v], v.getTime()]
								: isPlain(v)
									? [Object.entries(v), text(v), 'x', 7, true, [v]]
									: ['x', 1, {}, []];
	return options[pick % options.length];
}

const OPS = ['null', 'undefined', 'delete', 'retype', 'replace'] as const;
type Mutation = { pick: number; op: (typeof OPS)[number]; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
	pick: fc.nat(),
	op: fc.constantFrom(...OPS),
	value: anything
});

/** Applies the mutations to `args` (a fresh valid call), each at a location picked among the current ones. */
function mutate(args: unknown[], mutations: Mutation[]): unknown[] {
	let root: unknown = args;
	for (const m of mutations) {
		const all = locations(root).filter((p) => p.length > 0); // keep the argument list itself
		if (all.length === 0) break;
		const path = all[m.pick % all.length] as Key[];
		const here = get(root, path);
		const next =
			m.op === 'null'
				? null
				: m.op === 'undefined'
					? undefined
					: m.op === 'retype'
						? retype(here, m.pick >>> 3)
						: m.value;
		const parent = get(root, path.slice(0, -1)) as Record<Key, unknown> | unknown[];
		const at = path[path.length - 1] as Key;
		if (m.op === 'delete') {
			if (Array.isArray(parent)) parent.splice(at as number, 1);
			else delete parent[at];
		} else {
			Object.defineProperty(parent, at, {
				value: next,
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		root = args;
	}
	return root as unknown[];
}

/** A fixed seed per method, so adding a method leaves the others' runs alone. */
function seedOf(name: string, salt: number): number {
	let h = 0x811c9dc5 ^ salt;
	for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

// The properties ------------------------------------------------------------------------------------------------

describe('sandbox fuzz: the methods come from the clients', () => {
	it('every method of every client has a valid example here, and it succeeds', async () => {
		for (const service of SERVICES) {
			expect(Object.keys(EXAMPLES[service]).sort(), `methods of ${service}`).toEqual(METHODS[service]);
			for (const method of METHODS[service]) {
				const f = fixture();
				const client = f.sb[service] as unknown as Record<string, (...a: unknown[]) => unknown>;
				let out = (client[method] as (...a: unknown[]) => unknown).apply(
					client,
					(EXAMPLES[service][method] as Example)(f)
				);
				if (out instanceof Promise) {
					f.sb.advanceTime(25_000);
					out = await out;
				}
				expectAwsCodes(service, out, `${service}.${method}`);
				if (service === 'sqs' || service === 'sns') {
					const failed = (out as { Failed?: unknown[] } | undefined)?.Failed;
					expect(failed ?? [], `${service}.${method} Failed`).toEqual([]);
				}
				await stillWorks(f);
			}
		}
	});
});

for (const service of SERVICES) {
	describe(`sandbox fuzz: ${service}`, TIMEOUT, () => {
		for (const method of METHODS[service]) {
			it(`${service}.${method}: arbitrary arguments give AWS errors and leave the sandbox working`, async () => {
				await fc.assert(
					fc.asyncProperty(fc.array(anything, { minLength: 0, maxLength: 2 }), async (args) => {
						const f = fixture();
						await callChecked(f, service, method, args);
						await stillWorks(f);
					}),
					opts(seedOf(`${service}.${method}`, 1), 20)
				);
			});

			it(`${service}.${method}: mutations of a valid input give AWS errors and leave the sandbox working`, async () => {
				const example = EXAMPLES[service][method];
				if (!example) return; // reported by the test above
				await fc.assert(
					fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
						const f = fixture();
						await callChecked(f, service, method, mutate(example(f), mutations));
						await stillWorks(f);
					}),
					opts(seedOf(`${service}.${method}`, 2), 40)
				);
			});
		}
	});
}

// The inputs that used to throw a raw TypeError (issue 14), and what AWS says instead -------------------------

/** The error a call throws, or undefined. */
function errorOf(fn: () => unknown): AwsError | undefined {
	try {
		fn();
	} catch (err) {
		return err as AwsError;
	}
	return undefined;
}

/** Lets a test pass what the SDK's types forbid, as a JavaScript caller can. */
const loose = <T>(x: unknown): T => x as T;

describe('sandbox fuzz: the seven raw TypeErrors of issue 14 are AWS errors now', () => {
	it('sqs.createQueue with FifoQueue: true (a boolean): InvalidAttributeValue, as for any non-text value (SQS-STD-13)', () => {
		const { sb } = fixture();
		const err = errorOf(() =>
			sb.sqs.createQueue({ QueueName: 'x.fifo', Attributes: loose({ FifoQueue: true }) })
		);
		// The recorded text for a bad FifoQueue starts the same way (LocalStack test_sqs.snapshot.json,
		// test_set_unsupported_attribute_fifo: "Invalid value for the parameter FifoQueue. Reason: …").
		expect(err).toMatchObject({
			name: 'InvalidAttributeValue',
			message: 'Invalid value for the parameter FifoQueue.',
			$fault: 'client',
			$metadata: { httpStatusCode: 400 }
		});
	});

	it('sns.createTopic with FifoTopic: true: the query protocol sends "true", so it is the string case exactly', () => {
		const { sb } = fixture();
		// SNS-FIFO-1: a FIFO topic's name ends in .fifo.
		const arn = sb.sns.createTopic({ Name: 'b.fifo', Attributes: loose({ FifoTopic: true }) }).TopicArn;
		expect(sb.sns.getTopicAttributes({ TopicArn: arn }).Attributes.FifoTopic).toBe('true');
		const asBoolean = errorOf(() =>
			sb.sns.createTopic({ Name: 'b', Attributes: loose({ FifoTopic: true }) })
		);
		const asText = errorOf(() => sb.sns.createTopic({ Name: 'b', Attributes: { FifoTopic: 'true' } }));
		expect(asBoolean?.name).toBe('InvalidParameterException');
		expect(asBoolean?.message).toBe(asText?.message);
	});

	it('sqs.sendMessageBatch with a null entry: the SDK leaves it out (smithy _json filters nulls), SQS-STD-3', () => {
		const f = fixture();
		expect(errorOf(() => f.sb.sqs.sendMessageBatch({ QueueUrl: f.q, Entries: loose([null]) }))?.name).toBe(
			'EmptyBatchRequest'
		);
		const out = f.sb.sqs.sendMessageBatch({
			QueueUrl: f.q,
			Entries: loose([{ Id: 'a', MessageBody: 'x' }, null, undefined])
		});
		expect(out.Successful.map((e) => e.Id)).toEqual(['a']);
		// Recorded: an empty Failed list is left out (LocalStack test_sqs.snapshot.json,
		// test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size).
		expect(out).not.toHaveProperty('Failed');
	});

	it('sqs.deleteMessageBatch with a null entry: left out the same way (SQS-STD-3)', () => {
		const f = fixture();
		expect(errorOf(() => f.sb.sqs.deleteMessageBatch({ QueueUrl: f.q, Entries: loose([null]) }))?.name).toBe(
			'EmptyBatchRequest'
		);
		const out = f.sb.sqs.deleteMessageBatch({
			QueueUrl: f.q,
			Entries: loose([null, { Id: 'a', ReceiptHandle: f.handle }])
		});
		expect(out).toMatchObject({ Successful: [{ Id: 'a' }] });
	});

	it('sns.publishBatch with a null entry: the query serializer skips it (SNS-TOP-4)', () => {
		const f = fixture();
		expect(
			errorOf(() => f.sb.sns.publishBatch({ TopicArn: f.topic, PublishBatchRequestEntries: loose([null]) }))
				?.name
		).toBe('EmptyBatchRequestException');
		const out = f.sb.sns.publishBatch({
			TopicArn: f.topic,
			PublishBatchRequestEntries: loose([{ Id: 'a', Message: 'x' }, null])
		});
		expect(out.Successful.map((e) => e.Id)).toEqual(['a']);
	});

	it('firehose.putRecordBatch with a null record: left out; none left is the length constraint (FH-2)', () => {
		const f = fixture();
		const err = errorOf(() =>
			f.sb.firehose.putRecordBatch({ DeliveryStreamName: 'd', Records: loose([null]) })
		);
		expect(err).toMatchObject({ name: 'ValidationException' });
		expect(err?.message).toMatch(
			/^1 validation error detected: Value at 'records' failed to satisfy constraint/
		);
		const out = f.sb.firehose.putRecordBatch({
			DeliveryStreamName: 'd',
			Records: loose([null, { Data: 'a' }])
		});
		expect(out).toMatchObject({ FailedPutCount: 0 });
		expect(out.RequestResponses).toHaveLength(1);
		// A record whose Data is null is a record without Data: a required member.
		expect(
			errorOf(() =>
				f.sb.firehose.putRecordBatch({ DeliveryStreamName: 'd', Records: loose([{ Data: null }]) })
			)
		).toMatchObject({
			name: 'ValidationException',
			message:
				"1 validation error detected: Value null at 'records.1.member.data' failed to satisfy constraint: Member must not be null"
		});
	});

	it('sns.subscribe with a numeric Endpoint: SNS reads the text "12345", the string case exactly (SNS-TOP-2)', () => {
		const f = fixture();
		const asNumber = errorOf(() =>
			f.sb.sns.subscribe({ TopicArn: f.topic, Protocol: 'sqs', Endpoint: loose(12345) })
		);
		const asText = errorOf(() =>
			f.sb.sns.subscribe({ TopicArn: f.topic, Protocol: 'sqs', Endpoint: '12345' })
		);
		expect(asNumber).toMatchObject({ name: 'InvalidParameterException', message: asText?.message });
		// An SMS number is digits, so as text it is a valid endpoint.
		const sms = f.sb.sns.subscribe({ TopicArn: f.topic, Protocol: 'sms', Endpoint: loose(15551234567) });
		// SNS-TOP-2: SMS subscriptions are confirmed at once (recorded: LocalStack test_sns.snapshot.json, test_subscribe_sms_endpoint).
		expect(sms.SubscriptionArn).toMatch(/^arn:aws:sns:/);
	});
});

describe('sandbox fuzz: wrong types and missing members, service by service', () => {
	it('Kinesis: Coral SerializationException texts (kinesalite test/helpers.js assertType, test/putRecords.js)', () => {
		const { sb } = fixture();
		const k = sb.kinesis;
		const cases: [() => unknown, string][] = [
			[
				() => k.putRecords(loose({ StreamName: true, Records: [] })),
				'class java.lang.Boolean can not be converted to an String'
			],
			[
				() => k.putRecords(loose({ StreamName: 23, Records: [] })),
				'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String'
			],
			[() => k.putRecords(loose({ StreamName: 's', Records: '23' })), 'Expected list or null'],
			[
				() => k.putRecords(loose({ StreamName: 's', Records: {} })),
				'Start of structure or map found where not expected.'
			],
			[() => k.putRecords(loose({ StreamName: 's', Records: ['23'] })), 'Expected null'],
			[
				() => k.putRecords(loose({ StreamName: 's', Records: [[]] })),
				'Start of list found where not expected'
			],
			[
				() => k.putRecords(loose({ StreamName: 's', Records: [{ PartitionKey: 'a', Data: true }] })),
				'class java.lang.Boolean can not be converted to a Blob'
			],
			[
				() => k.getRecords(loose({ ShardIterator: 'x', Limit: '23' })),
				'class java.lang.String can not be converted to an Integer'
			],
			[
				() => k.getRecords(loose({ ShardIterator: 'x', Limit: true })),
				'class java.lang.Boolean can not be converted to an Integer'
			],
			[() => k.createStream(loose({ StreamName: 's2', Tags: '23' })), 'Expected map or null'],
			[
				() => k.deleteStream(loose({ StreamName: 's', EnforceConsumerDeletion: 'maybe' })),
				"'MAYBE' can not be converted to an Boolean"
			],
			[
				() =>
					k.getShardIterator(
						loose({ StreamName: 's', ShardId: SHARD0, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: '23' })
					),
				'class java.lang.String can not be converted to milliseconds since epoch'
			]
		];
		for (const [call, text] of cases) {
			const err = errorOf(call);
			expect(err?.name, text).toBe('SerializationException');
			// Coral's text is the first line; the sandbox names the member on the second.
			expect(err?.message.split('\n')[0]).toBe(text);
		}
	});

	it('KIN-16: absent required members are one ValidationException, with AWS member paths', () => {
		const { sb } = fixture();
		expect(errorOf(() => sb.kinesis.putRecords(loose({ StreamName: 's' })))).toMatchObject({
			name: 'ValidationException',
			message:
				"1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null"
		});
		expect(
			errorOf(() => sb.kinesis.putRecords(loose({ StreamName: 's', Records: [{ Data: null }] })))?.message
		).toBe(
			"2 validation errors detected: Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null; Value null at 'records.1.member.data' failed to satisfy constraint: Member must not be null"
		);
		expect(
			errorOf(() =>
				sb.kinesis.createStream(loose({ StreamName: 'm', StreamModeDetails: { StreamMode: 'FAST' } }))
			)?.message
		).toBe(
			"1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"
		);
	});

	it('Firehose: the same Coral texts (no Firehose recording; it is a Coral service like Kinesis)', () => {
		const { sb } = fixture();
		const err = errorOf(() => sb.firehose.putRecord(loose({ DeliveryStreamName: 'd', Record: { Data: 5 } })));
		expect(err?.name).toBe('SerializationException');
		expect(err?.message.split('\n')[0]).toBe(
			'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob'
		);
		expect(errorOf(() => sb.firehose.putRecord(loose({ DeliveryStreamName: 'd' })))?.message).toBe(
			"1 validation error detected: Value null at 'record' failed to satisfy constraint: Member must not be null"
		);
		expect(
			errorOf(() =>
				sb.firehose.createDeliveryStream(
					loose({
						DeliveryStreamName: 'e',
						ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::b', BufferingHints: 'big' }
					})
				)
			)?.message.split('\n')[0]
		).toBe('Expected null');
	});

	it('SNS: absent members as recorded (LocalStack test_sns.snapshot.json), wrong kinds refused', () => {
		const f = fixture();
		const sns = f.sb.sns;
		// test_empty_or_wrong_message_attributes, fully_missing_data_type and its batch variant.
		const attrs = { attr1: { StringValue: 'value' } };
		expect(
			errorOf(() => sns.publish(loose({ TopicArn: f.topic, Message: 'm', MessageAttributes: attrs })))
		).toMatchObject({
			name: 'ValidationError',
			message:
				"1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"
		});
		expect(
			errorOf(() =>
				sns.publishBatch(
					loose({
						TopicArn: f.topic,
						PublishBatchRequestEntries: [
							{ Id: '1', Message: 'test-batch', MessageAttributes: attrs },
							{ Id: '3', Message: 'valid-batch' }
						]
					})
				)
			)?.message
		).toBe(
			"1 validation error detected: Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"
		);
		// test_unsubscribe_wrong_arn_format, invalid-unsubscribe-arn-4.
		expect(errorOf(() => sns.unsubscribe(loose({})))).toMatchObject({
			name: 'InvalidParameterException',
			message: 'Invalid parameter: SubscriptionArn Reason: no value for required parameter'
		});
		// What cannot travel as text is refused, naming the parameter.
		expect(errorOf(() => sns.publish(loose({ TopicArn: f.topic, Message: { text: 'hi' } })))).toMatchObject({
			name: 'InvalidParameterException',
			message: 'Invalid parameter: Message Reason: must be a string (got a map)'
		});
	});

	it('SQS: InvalidParameterValue for a wrong type, MissingParameter for an absent member, null is absent', () => {
		const f = fixture();
		const sqs = f.sb.sqs;
		expect(
			errorOf(() => sqs.receiveMessage(loose({ QueueUrl: f.q, MaxNumberOfMessages: '10' })))
		).toMatchObject({
			name: 'InvalidParameterValue',
			message:
				'Value 10 for parameter MaxNumberOfMessages is invalid. Reason: must be an integer (got string).'
		});
		expect(
			errorOf(() => sqs.sendMessageBatch(loose({ QueueUrl: f.q, Entries: [{ Id: 'a', MessageBody: 7 }] })))
				?.message
		).toBe('Value 7 for parameter Entries.1.MessageBody is invalid. Reason: must be a string (got number).');
		// Recorded text (LocalStack test_sqs.snapshot.json, test_send_empty_message).
		expect(errorOf(() => sqs.sendMessage(loose({ QueueUrl: f.q })))).toMatchObject({
			name: 'MissingParameter',
			message: 'The request must contain the parameter MessageBody.'
		});
		expect(errorOf(() => sqs.createQueue(loose(undefined)))?.name).toBe('MissingParameter');
		// The SDK does not send null members: DelaySeconds null is the queue's delay.
		sqs.sendMessage(loose({ QueueUrl: f.q, MessageBody: 'n', DelaySeconds: null }));
		expect(errorOf(() => sqs.listQueues(loose(null)))).toBeUndefined();
	});
});
