// The `kinesis` of the sandbox: camelCase methods named after the AWS SDK v3 Kinesis commands, with their
// input and output shapes (Data as Uint8Array in and out, a string accepted too; timestamps as Date) and
// AWS's error names. Streams are addressed by StreamName or StreamARN. Resharding completes after
// RESHARD_MS of simulated time; enhanced fan-out pushes as the caller advances time (KIN-13).

import { awsError } from '../services/shared';
import { ACCOUNT_ID, epochMs } from '../services/shared';
import {
	KinesisStream,
	type ChildShard,
	type GetRecordsOutput,
	type PutRecordInput
} from '../services/kinesis';
import { decodeIterator } from '../services/kinesis';
import type { Output, SandboxWorld } from './world';
import {
	blob,
	bool,
	CORAL_JSON,
	int,
	list,
	map,
	oneOf,
	parseInput,
	req,
	show,
	str,
	struct,
	timestamp,
	type Shape
} from './shape';

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

export interface ShardShape {
	ShardId: string;
	ParentShardId?: string;
	AdjacentParentShardId?: string;
	HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
	SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

interface StreamRef {
	StreamName?: string;
	StreamARN?: string;
}

/** KIN-13: a registered enhanced fan-out consumer. */
interface EfoConsumer {
	ConsumerName: string;
	ConsumerARN: string;
	ConsumerStatus: 'ACTIVE';
	ConsumerCreationTimestamp: Date;
	stream: string;
}

export interface SubscribeToShardEvent {
	SubscribeToShardEvent: {
		Records: GetRecordsOutput['Records'];
		ContinuationSequenceNumber: string;
		MillisBehindLatest: number;
		ChildShards?: ChildShard[];
	};
}

/** ListShards' ShardFilter (the types the simulator understands). */
export interface ShardFilter {
	Type: 'AT_LATEST' | 'AT_TRIM_HORIZON' | 'FROM_TRIM_HORIZON' | 'AFTER_SHARD_ID';
	ShardId?: string;
}

const EFO_BYTES_PER_S = 2 * 1024 * 1024; // KIN-13
const EFO_SUBSCRIPTION_MS = 5 * 60 * 1000; // KIN-13 (unverified: 5 min)
const EFO_RESUBSCRIBE_MS = 5_000; // KIN-13: a consumer may resubscribe to a shard 5 s after its last call
const EFO_MAX_CONSUMERS = 20; // KIN-13

// Input shapes (Kinesis API Reference), checked before anything else; see shape.ts for what AWS returns ---

const STREAM = { StreamName: str, StreamARN: str };

const SHAPES = {
	createStream: struct({
		StreamName: req(str),
		ShardCount: int,
		StreamModeDetails: struct({ StreamMode: req(oneOf('PROVISIONED', 'ON_DEMAND')) }),
		Tags: map(str)
	}),
	deleteStream: struct({ ...STREAM, EnforceConsumerDeletion: bool }),
	listStreams: struct({ Limit: int, ExclusiveStartStreamName: str, NextToken: str }),
	describeStreamSummary: struct(STREAM),
	listShards: struct({
		...STREAM,
		NextToken: str,
		ExclusiveStartShardId: str,
		MaxResults: int,
		StreamCreationTimestamp: timestamp,
		ShardFilter: struct({ Type: req(str), ShardId: str, Timestamp: timestamp })
	}),
	describeStream: struct({ ...STREAM, Limit: int, ExclusiveStartShardId: str }),
	putRecord: struct({
		...STREAM,
		PartitionKey: req(str),
		Data: req(blob),
		ExplicitHashKey: str,
		SequenceNumberForOrdering: str
	}),
	putRecords: struct({
		...STREAM,
		Records: req(list(struct({ Data: req(blob), PartitionKey: req(str), ExplicitHashKey: str })))
	}),
	getShardIterator: struct({
		...STREAM,
		ShardId: req(str),
		ShardIteratorType: req(str),
		StartingSequenceNumber: str,
		Timestamp: timestamp
	}),
	getRecords: struct({ ShardIterator: req(str), Limit: int, StreamARN: str }),
	splitShard: struct({ ...STREAM, ShardToSplit: req(str), NewStartingHashKey: req(str) }),
	mergeShards: struct({ ...STREAM, ShardToMerge: req(str), AdjacentShardToMerge: req(str) }),
	updateShardCount: struct({ ...STREAM, TargetShardCount: req(int), ScalingType: req(str) }),
	registerStreamConsumer: struct({ StreamARN: req(str), ConsumerName: req(str), Tags: map(str) }),
	describeStreamConsumer: struct({ StreamARN: str, ConsumerName: str, ConsumerARN: str }),
	listStreamConsumers: struct({
		StreamARN: req(str),
		NextToken: str,
		MaxResults: int,
		StreamCreationTimestamp: timestamp
	}),
	deregisterStreamConsumer: struct({ StreamARN: str, ConsumerName: str, ConsumerARN: str }),
	subscribeToShard: struct({
		ConsumerARN: req(str),
		ShardId: req(str),
		StartingPosition: req(struct({ Type: req(str), SequenceNumber: str, Timestamp: timestamp }))
	}),
	increaseStreamRetentionPeriod: struct({ ...STREAM, RetentionPeriodHours: req(int) }),
	decreaseStreamRetentionPeriod: struct({ ...STREAM, RetentionPeriodHours: req(int) })
} satisfies Record<string, Shape>;

/** The request AWS would see, or the error it returns (SerializationException, ValidationException). */
function parse<T>(shape: Shape, input: T): T {
	return parseInput(shape, input, CORAL_JSON);
}

export class KinesisClient {
	readonly #world: SandboxWorld;
	readonly #streams = new Map<string, KinesisStream>();
	readonly #consumers = new Map<string, EfoConsumer>();
	/** KIN-13: the latest subscription per consumer and shard (when it started, and which one it is). */
	readonly #subscriptions = new Map<string, { startedAt: number; n: number }>();
	#subscriptionCount = 0;

	constructor(world: SandboxWorld) {
		this.#world = world;
	}

	#meta<T extends object>(output: T): Output<T> {
		return this.#world.respond('sandbox:kinesis-request-ids', output);
	}

	#call<T>(fn: () => T): T {
		return this.#world.call(fn);
	}

	#stream(ref: StreamRef | undefined): KinesisStream {
		const name =
			ref?.StreamName ??
			(ref?.StreamARN !== undefined
				? /^arn:aws:kinesis:[^:]+:\d{12}:stream\/(.+)$/.exec(ref.StreamARN)?.[1]
				: undefined);
		if (typeof name !== 'string')
			throw awsError('InvalidArgumentException', 'Either StreamName or StreamARN must be provided.');
		const s = this.#streams.get(name);
		if (!s)
			throw awsError('ResourceNotFoundException', `Stream ${name} under account ${ACCOUNT_ID} not found.`);
		return s;
	}

	/** The simulation node behind a stream (for checkers, the UI and tests). */
	streamNode(name: string): KinesisStream {
		return this.#stream({ StreamName: name });
	}

	createStream(raw: {
		StreamName: string;
		ShardCount?: number;
		StreamModeDetails?: { StreamMode: 'PROVISIONED' | 'ON_DEMAND' };
	}): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.createStream, raw);
			const name = input.StreamName;
			if (typeof name !== 'string' || !STREAM_NAME.test(name)) {
				throw awsError(
					'ValidationException',
					`1 validation error detected: Value '${String(name)}' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`
				);
			}
			if (this.#streams.has(name)) {
				throw awsError(
					'ResourceInUseException',
					`Stream ${name} under account ${ACCOUNT_ID} already exists.`
				);
			}
			const mode = input.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
			let shards: number;
			if (mode === 'ON_DEMAND') {
				if (input.ShardCount !== undefined) {
					throw awsError('InvalidArgumentException', 'ShardCount is not supported for ON_DEMAND streams.');
				}
				shards = 4; // KIN-12 [sim]: about 4 MiB/s of write capacity to start.
			} else {
				if (input.ShardCount === undefined) {
					throw awsError('InvalidArgumentException', 'ShardCount is required for PROVISIONED streams.');
				}
				if (!Number.isInteger(input.ShardCount) || input.ShardCount < 1 || input.ShardCount > 500) {
					throw awsError(
						'InvalidArgumentException',
						`ShardCount must be between 1 and 500 (got ${input.ShardCount}).`
					);
				}
				shards = input.ShardCount;
			}
			const node = new KinesisStream(
				`kinesis-${name}`,
				{ StreamName: name, RetentionPeriodHours: 24, StreamMode: mode, MaxRecordSizeInKiB: 1024 },
				shards,
				this.#world.context
			);
			this.#world.addNode(node);
			this.#streams.set(name, node);
			return this.#meta({});
		});
	}

	#consumersOf(s: KinesisStream): EfoConsumer[] {
		return [...this.#consumers.values()].filter((c) => c.stream === s.config.StreamName);
	}

	/** A stream with registered consumers is deleted only with EnforceConsumerDeletion (and them with it). */
	deleteStream(raw: StreamRef & { EnforceConsumerDeletion?: boolean }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.deleteStream, raw);
			const s = this.#stream(input);
			const consumers = this.#consumersOf(s);
			if (consumers.length > 0 && input.EnforceConsumerDeletion !== true) {
				throw awsError(
					'ResourceInUseException',
					`Stream ${s.config.StreamName} under account ${ACCOUNT_ID} has registered consumers. Set EnforceConsumerDeletion to true to delete it with them.`
				);
			}
			for (const c of consumers) this.#consumers.delete(c.ConsumerARN);
			s.markDeleted();
			this.#streams.delete(s.config.StreamName);
			return this.#meta({});
		});
	}

	listStreams(raw: { Limit?: number; ExclusiveStartStreamName?: string } = {}): Output<{
		StreamNames: string[];
		HasMoreStreams: boolean;
		StreamSummaries: {
			StreamName: string;
			StreamARN: string;
			StreamStatus: string;
			StreamModeDetails: { StreamMode: string };
			StreamCreationTimestamp: Date;
		}[];
	}> {
		return this.#call(() => {
			parse(SHAPES.listStreams, raw);
			const names = [...this.#streams.keys()].sort();
			return this.#meta({
				StreamNames: names,
				HasMoreStreams: false,
				StreamSummaries: names.map((n) => {
					const s = this.#stream({ StreamName: n });
					return {
						StreamName: n,
						StreamARN: s.arn,
						StreamStatus: s.status,
						StreamModeDetails: { StreamMode: s.config.StreamMode },
						StreamCreationTimestamp: new Date(epochMs(s.createdAt))
					};
				})
			});
		});
	}

	describeStreamSummary(raw: StreamRef): Output<{
		StreamDescriptionSummary: {
			StreamName: string;
			StreamARN: string;
			StreamStatus: string;
			StreamModeDetails: { StreamMode: string };
			RetentionPeriodHours: number;
			StreamCreationTimestamp: Date;
			EnhancedMonitoring: { ShardLevelMetrics: string[] }[];
			EncryptionType: 'NONE';
			OpenShardCount: number;
			ConsumerCount: number;
		};
	}> {
		return this.#call(() => {
			const input = parse(SHAPES.describeStreamSummary, raw);
			const s = this.#stream(input);
			return this.#meta({
				StreamDescriptionSummary: {
					...this.#describe(s),
					OpenShardCount: s.openShards().length,
					ConsumerCount: this.#consumersOf(s).length
				}
			});
		});
	}

	/** The fields DescribeStream and DescribeStreamSummary share. */
	#describe(s: KinesisStream) {
		return {
			StreamName: s.config.StreamName,
			StreamARN: s.arn,
			StreamStatus: s.status,
			StreamModeDetails: { StreamMode: s.config.StreamMode },
			RetentionPeriodHours: s.config.RetentionPeriodHours,
			StreamCreationTimestamp: new Date(epochMs(s.createdAt)),
			EnhancedMonitoring: [{ ShardLevelMetrics: [] as string[] }],
			EncryptionType: 'NONE' as const
		};
	}

	#shardShapes(s: KinesisStream): ShardShape[] {
		return s.shards().map((sh) => ({
			ShardId: sh.ShardId,
			...(sh.ParentShardId !== undefined ? { ParentShardId: sh.ParentShardId } : {}),
			...(sh.AdjacentParentShardId !== undefined ? { AdjacentParentShardId: sh.AdjacentParentShardId } : {}),
			HashKeyRange: { StartingHashKey: sh.start.toString(), EndingHashKey: sh.end.toString() },
			SequenceNumberRange: {
				StartingSequenceNumber: sh.StartingSequenceNumber,
				...(sh.EndingSequenceNumber !== undefined ? { EndingSequenceNumber: sh.EndingSequenceNumber } : {})
			}
		}));
	}

	/**
	 * Every shard not yet expired, closed ones included. [sim] One page (no NextToken); ShardFilter AT_LATEST
	 * keeps the open shards, AFTER_SHARD_ID those created after ShardId, and the TRIM_HORIZON types all.
	 */
	listShards(
		raw: StreamRef & { ShardFilter?: ShardFilter; ExclusiveStartShardId?: string }
	): Output<{ Shards: ShardShape[] }> {
		return this.#call(() => {
			const input = parse(SHAPES.listShards, raw);
			const s = this.#stream(input);
			let shards = this.#shardShapes(s);
			const f = input.ShardFilter;
			const afterId = f?.Type === 'AFTER_SHARD_ID' ? f.ShardId : input.ExclusiveStartShardId;
			if (f?.Type === 'AFTER_SHARD_ID' && f.ShardId === undefined) {
				throw awsError('InvalidArgumentException', 'ShardId is required for the AFTER_SHARD_ID filter.');
			}
			if (
				f !== undefined &&
				!['AT_LATEST', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AFTER_SHARD_ID'].includes(f.Type)
			) {
				throw awsError('InvalidArgumentException', `Unsupported ShardFilter type ${String(f.Type)}.`);
			}
			if (f?.Type === 'AT_LATEST') {
				shards = shards.filter((sh) => sh.SequenceNumberRange.EndingSequenceNumber === undefined);
			}
			if (afterId !== undefined) shards = shards.filter((sh) => sh.ShardId > afterId);
			return this.#meta({ Shards: shards });
		});
	}

	describeStream(raw: StreamRef): Output<{
		StreamDescription: {
			StreamName: string;
			StreamARN: string;
			StreamStatus: string;
			StreamModeDetails: { StreamMode: string };
			RetentionPeriodHours: number;
			StreamCreationTimestamp: Date;
			EnhancedMonitoring: { ShardLevelMetrics: string[] }[];
			EncryptionType: 'NONE';
			Shards: ShardShape[];
			HasMoreShards: boolean;
		};
	}> {
		return this.#call(() => {
			const input = parse(SHAPES.describeStream, raw);
			const s = this.#stream(input);
			return this.#meta({
				StreamDescription: {
					...this.#describe(s),
					Shards: this.#shardShapes(s),
					HasMoreShards: false
				}
			});
		});
	}

	putRecord(
		raw: StreamRef & PutRecordInput
	): Output<{ ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' }> {
		return this.#call(() => {
			const input = parse(SHAPES.putRecord, raw);
			return this.#meta(this.#stream(input).putRecord(input, { from: 'sandbox' }));
		});
	}

	putRecords(
		raw: StreamRef & { Records: PutRecordInput[] }
	): Output<ReturnType<KinesisStream['putRecords']>> {
		return this.#call(() => {
			const input = parse(SHAPES.putRecords, raw);
			return this.#meta(this.#stream(input).putRecords(input.Records, { from: 'sandbox' }));
		});
	}

	getShardIterator(
		raw: StreamRef & {
			ShardId: string;
			ShardIteratorType: string;
			StartingSequenceNumber?: string;
			Timestamp?: Date | number;
		}
	): Output<{ ShardIterator: string }> {
		return this.#call(() => {
			const input = parse(SHAPES.getShardIterator, raw);
			return this.#meta(this.#stream(input).getShardIterator(input));
		});
	}

	getRecords(raw: { ShardIterator: string; Limit?: number; StreamARN?: string }): Output<GetRecordsOutput> {
		return this.#call(() => {
			const input = parse(SHAPES.getRecords, raw);
			const token = decodeIterator(input.ShardIterator);
			const s = token === undefined ? undefined : this.#streams.get(token.stream);
			if (!s) throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
			return this.#meta(s.getRecords(input, 'sandbox'));
		});
	}

	splitShard(raw: StreamRef & { ShardToSplit: string; NewStartingHashKey: string }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.splitShard, raw);
			this.#stream(input).splitShard(input.ShardToSplit, input.NewStartingHashKey);
			return this.#meta({});
		});
	}

	mergeShards(raw: StreamRef & { ShardToMerge: string; AdjacentShardToMerge: string }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.mergeShards, raw);
			this.#stream(input).mergeShards(input.ShardToMerge, input.AdjacentShardToMerge);
			return this.#meta({});
		});
	}

	updateShardCount(raw: StreamRef & { TargetShardCount: number; ScalingType: 'UNIFORM_SCALING' }): Output<{
		StreamName: string;
		CurrentShardCount: number;
		TargetShardCount: number;
		StreamARN: string;
	}> {
		return this.#call(() => {
			const input = parse(SHAPES.updateShardCount, raw);
			if (input.ScalingType !== 'UNIFORM_SCALING') {
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]"
				);
			}
			const s = this.#stream(input);
			const r = s.updateShardCount(input.TargetShardCount);
			return this.#meta({ StreamName: s.config.StreamName, StreamARN: s.arn, ...r });
		});
	}

	// Enhanced fan-out (KIN-13) -------------------------------------------------------------------------------

	registerStreamConsumer(raw: { StreamARN: string; ConsumerName: string }): Output<{
		Consumer: Omit<EfoConsumer, 'stream'>;
	}> {
		return this.#call(() => {
			const input = parse(SHAPES.registerStreamConsumer, raw);
			const s = this.#stream({ StreamARN: input.StreamARN });
			const name = input.ConsumerName;
			if (typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(name)) {
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
				);
			}
			const mine = this.#consumersOf(s);
			if (mine.some((c) => c.ConsumerName === name)) {
				throw awsError('ResourceInUseException', `Consumer ${name} already exists for stream ${s.arn}.`);
			}
			if (mine.length >= EFO_MAX_CONSUMERS) {
				throw awsError(
					'LimitExceededException',
					`A stream can have at most ${EFO_MAX_CONSUMERS} registered consumers.`
				);
			}
			const now = this.#world.now();
			const c: EfoConsumer = {
				ConsumerName: name,
				ConsumerARN: `${s.arn}/consumer/${name}:${Math.floor(epochMs(now) / 1000)}`,
				ConsumerStatus: 'ACTIVE', // [sim] ACTIVE at once (AWS takes a few seconds in CREATING).
				ConsumerCreationTimestamp: new Date(epochMs(now)),
				stream: s.config.StreamName
			};
			this.#consumers.set(c.ConsumerARN, c);
			const { stream: _stream, ...shape } = c;
			return this.#meta({ Consumer: shape });
		});
	}

	describeStreamConsumer(raw: {
		ConsumerARN: string;
	}): Output<{ ConsumerDescription: Omit<EfoConsumer, 'stream'> & { StreamARN: string } }> {
		return this.#call(() => {
			const input = parse(SHAPES.describeStreamConsumer, raw);
			const c = this.#consumer(input.ConsumerARN);
			const { stream, ...shape } = c;
			return this.#meta({
				ConsumerDescription: { ...shape, StreamARN: this.#stream({ StreamName: stream }).arn }
			});
		});
	}

	listStreamConsumers(raw: { StreamARN: string }): Output<{ Consumers: Omit<EfoConsumer, 'stream'>[] }> {
		return this.#call(() => {
			const input = parse(SHAPES.listStreamConsumers, raw);
			const s = this.#stream({ StreamARN: input.StreamARN });
			const list = this.#consumersOf(s).map(({ stream: _s, ...shape }) => shape);
			return this.#meta({ Consumers: list });
		});
	}

	deregisterStreamConsumer(raw: { ConsumerARN: string }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.deregisterStreamConsumer, raw);
			this.#consumer(input.ConsumerARN);
			this.#consumers.delete(input.ConsumerARN);
			return this.#meta({});
		});
	}

	#consumer(arn: string | undefined): EfoConsumer {
		const c = arn === undefined ? undefined : this.#consumers.get(arn);
		if (!c) throw awsError('ResourceNotFoundException', `Consumer ${show(arn)} not found.`);
		return c;
	}

	/**
	 * KIN-13 [sim]: enhanced fan-out as an async iterable. The EventStream yields one SubscribeToShardEvent at
	 * once, then one per simulated second as the caller advances time, each with up to 2 MiB (the dedicated
	 * 2 MiB/s per consumer per shard, outside the shared GetRecords limits). It ends after 5 minutes
	 * (resubscribe from ContinuationSequenceNumber), after the event that reports a closed shard's
	 * ChildShards, when a newer subscription for the same consumer and shard starts, or when the consumer or
	 * stream is deleted. Subscribing again within 5 s of the last call is a ResourceInUseException.
	 */
	subscribeToShard(raw: {
		ConsumerARN: string;
		ShardId: string;
		StartingPosition: { Type: string; SequenceNumber?: string; Timestamp?: Date | number };
	}): Output<{ EventStream: AsyncIterable<SubscribeToShardEvent> }> {
		return this.#call(() => {
			const input = parse(SHAPES.subscribeToShard, raw);
			const c = this.#consumer(input.ConsumerARN);
			const stream = this.#stream({ StreamName: c.stream });
			const pos = input.StartingPosition;
			if (pos === undefined || pos === null || typeof pos.Type !== 'string') {
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null"
				);
			}
			const shardId = input.ShardId;
			let after = stream.startingPosition({
				ShardId: shardId,
				ShardIteratorType: pos.Type,
				...(pos.SequenceNumber !== undefined ? { StartingSequenceNumber: pos.SequenceNumber } : {}),
				...(pos.Timestamp !== undefined ? { Timestamp: pos.Timestamp } : {})
			});
			const world = this.#world;
			const key = `${c.ConsumerARN}\u0000${shardId}`;
			const startedAt = world.now();
			const previous = this.#subscriptions.get(key);
			if (previous !== undefined && startedAt - previous.startedAt < EFO_RESUBSCRIBE_MS) {
				throw awsError(
					'ResourceInUseException',
					`Another active subscription exists for consumer ${c.ConsumerARN} and shard ${shardId}; wait 5 seconds between SubscribeToShard calls.`
				);
			}
			const n = ++this.#subscriptionCount;
			this.#subscriptions.set(key, { startedAt, n });
			const live = () =>
				this.#subscriptions.get(key)?.n === n &&
				this.#consumers.get(c.ConsumerARN) === c &&
				this.#streams.get(c.stream) === stream;
			// Where to resume with AFTER_SEQUENCE_NUMBER: never below the shard's first number.
			const floor = BigInt(stream.shard(shardId)?.StartingSequenceNumber ?? '0');
			const continuation = () => (after > floor ? after : floor).toString();
			const events: AsyncIterable<SubscribeToShardEvent> = {
				[Symbol.asyncIterator]() {
					let first = true;
					let done = false;
					return {
						async next(): Promise<IteratorResult<SubscribeToShardEvent>> {
							if (done) return { done: true, value: undefined };
							if (!first) await world.sleep(1000);
							first = false;
							if (world.now() - startedAt > EFO_SUBSCRIPTION_MS || !live()) {
								done = true;
								return { done: true, value: undefined };
							}
							const r = stream.readForSubscriber(shardId, after, EFO_BYTES_PER_S);
							const last = r.records[r.records.length - 1];
							if (last) after = BigInt(last.SequenceNumber);
							world.context.trace({
								type: 'records-read',
								node: stream.id,
								shard: shardId,
								by: c.ConsumerName,
								count: r.records.length,
								millisBehindLatest: r.millisBehindLatest,
								cause: 'enhanced-fan-out'
							});
							if (r.childShards) done = true;
							return {
								done: false,
								value: {
									SubscribeToShardEvent: {
										Records: r.records.map((x) => ({
											SequenceNumber: x.SequenceNumber,
											ApproximateArrivalTimestamp: new Date(epochMs(x.arrivedAt)),
											Data: x.Data.slice(),
											PartitionKey: x.PartitionKey
										})),
										ContinuationSequenceNumber: continuation(),
										MillisBehindLatest: r.millisBehindLatest,
										...(r.childShards ? { ChildShards: r.childShards } : {})
									}
								}
							};
						}
					};
				}
			};
			return this.#meta({ EventStream: events });
		});
	}

	increaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.increaseStreamRetentionPeriod, raw);
			const s = this.#stream(input);
			if (input.RetentionPeriodHours < s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					'Requested retention period is shorter than the current one.'
				);
			}
			s.setRetentionHours(input.RetentionPeriodHours);
			return this.#meta({});
		});
	}

	decreaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#call(() => {
			const input = parse(SHAPES.decreaseStreamRetentionPeriod, raw);
			const s = this.#stream(input);
			if (input.RetentionPeriodHours > s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					'Requested retention period is longer than the current one.'
				);
			}
			s.setRetentionHours(input.RetentionPeriodHours);
			return this.#meta({});
		});
	}
}
