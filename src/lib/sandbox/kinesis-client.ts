// The `kinesis` of the sandbox: camelCase methods named after the AWS SDK v3 Kinesis commands, with their
// input and output shapes (Data as Uint8Array, timestamps as Date) and AWS's error names. Streams are
// addressed by StreamName or StreamARN. Resharding completes after RESHARD_MS of simulated time.

import { awsError, AwsError } from '../models/shared/errors';
import { ACCOUNT_ID, epochMs } from '../models/shared/aws';
import { KinesisStream, type GetRecordsOutput, type PutRecordInput } from '../models/kinesis/stream';
import type { Output } from './sqs-client';
import type { SandboxWorld } from './world';

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
		ChildShards?: { ShardId: string; ParentShards: string[] }[];
	};
}

const EFO_BYTES_PER_S = 2 * 1024 * 1024; // KIN-13
const EFO_SUBSCRIPTION_MS = 5 * 60 * 1000; // KIN-13 (unverified: 5 min)
const EFO_MAX_CONSUMERS = 20; // KIN-13

export class KinesisClient {
	readonly #world: SandboxWorld;
	readonly #streams = new Map<string, KinesisStream>();
	readonly #consumers = new Map<string, EfoConsumer>();

	constructor(world: SandboxWorld) {
		this.#world = world;
	}

	#meta<T extends object>(output: T): Output<T> {
		const requestId = this.#world.random('sandbox:kinesis-request-ids').uuid();
		return { ...output, $metadata: { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 } };
	}

	#call<T>(fn: () => T): T {
		try {
			const out = fn();
			this.#world.settle();
			return out;
		} catch (err) {
			if (err instanceof AwsError) {
				Object.assign(err, {
					$metadata: { httpStatusCode: err.$fault === 'server' ? 500 : 400, attempts: 1, totalRetryDelay: 0 }
				});
			}
			throw err;
		}
	}

	#stream(ref: StreamRef | undefined): KinesisStream {
		const name =
			ref?.StreamName ??
			(ref?.StreamARN !== undefined
				? /^arn:aws:kinesis:[^:]+:\d{12}:stream\/(.+)$/.exec(ref.StreamARN)?.[1]
				: undefined);
		if (name === undefined)
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

	createStream(input: {
		StreamName: string;
		ShardCount?: number;
		StreamModeDetails?: { StreamMode: 'PROVISIONED' | 'ON_DEMAND' };
	}): Output<object> {
		return this.#call(() => {
			const name = input?.StreamName;
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

	deleteStream(input: StreamRef): Output<object> {
		return this.#call(() => {
			const s = this.#stream(input);
			s.markDeleted();
			this.#streams.delete(s.config.StreamName);
			return this.#meta({});
		});
	}

	listStreams(): Output<{ StreamNames: string[]; HasMoreStreams: boolean }> {
		return this.#call(() =>
			this.#meta({ StreamNames: [...this.#streams.keys()].sort(), HasMoreStreams: false })
		);
	}

	describeStreamSummary(input: StreamRef): Output<{
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
			const s = this.#stream(input);
			return this.#meta({
				StreamDescriptionSummary: {
					StreamName: s.config.StreamName,
					StreamARN: s.arn,
					StreamStatus: s.status,
					StreamModeDetails: { StreamMode: s.config.StreamMode },
					RetentionPeriodHours: s.config.RetentionPeriodHours,
					StreamCreationTimestamp: new Date(epochMs(s.createdAt)),
					EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
					EncryptionType: 'NONE' as const,
					OpenShardCount: s.openShards().length,
					ConsumerCount: 0
				}
			});
		});
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

	listShards(input: StreamRef): Output<{ Shards: ShardShape[] }> {
		return this.#call(() => {
			const s = this.#stream(input);
			return this.#meta({ Shards: this.#shardShapes(s) });
		});
	}

	describeStream(input: StreamRef): Output<{
		StreamDescription: {
			StreamName: string;
			StreamARN: string;
			StreamStatus: string;
			RetentionPeriodHours: number;
			Shards: ShardShape[];
			HasMoreShards: boolean;
		};
	}> {
		return this.#call(() => {
			const s = this.#stream(input);
			return this.#meta({
				StreamDescription: {
					StreamName: s.config.StreamName,
					StreamARN: s.arn,
					StreamStatus: s.status,
					RetentionPeriodHours: s.config.RetentionPeriodHours,
					Shards: this.#shardShapes(s),
					HasMoreShards: false
				}
			});
		});
	}

	putRecord(
		input: StreamRef & PutRecordInput
	): Output<{ ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' }> {
		return this.#call(() => this.#meta(this.#stream(input).putRecord(input, { from: 'sandbox' })));
	}

	putRecords(
		input: StreamRef & { Records: PutRecordInput[] }
	): Output<ReturnType<KinesisStream['putRecords']>> {
		return this.#call(() => this.#meta(this.#stream(input).putRecords(input.Records, { from: 'sandbox' })));
	}

	getShardIterator(
		input: StreamRef & {
			ShardId: string;
			ShardIteratorType: string;
			StartingSequenceNumber?: string;
			Timestamp?: Date | number;
		}
	): Output<{ ShardIterator: string }> {
		return this.#call(() => this.#meta(this.#stream(input).getShardIterator(input)));
	}

	getRecords(input: { ShardIterator: string; Limit?: number; StreamARN?: string }): Output<GetRecordsOutput> {
		return this.#call(() => {
			const name = /"stream":"([^"]+)"/.exec(safeDecode(input?.ShardIterator))?.[1];
			const s = name === undefined ? undefined : this.#streams.get(name);
			if (!s) throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
			return this.#meta(s.getRecords(input, 'sandbox'));
		});
	}

	splitShard(input: StreamRef & { ShardToSplit: string; NewStartingHashKey: string }): Output<object> {
		return this.#call(() => {
			this.#stream(input).splitShard(input.ShardToSplit, input.NewStartingHashKey);
			return this.#meta({});
		});
	}

	mergeShards(input: StreamRef & { ShardToMerge: string; AdjacentShardToMerge: string }): Output<object> {
		return this.#call(() => {
			this.#stream(input).mergeShards(input.ShardToMerge, input.AdjacentShardToMerge);
			return this.#meta({});
		});
	}

	updateShardCount(input: StreamRef & { TargetShardCount: number; ScalingType: 'UNIFORM_SCALING' }): Output<{
		StreamName: string;
		CurrentShardCount: number;
		TargetShardCount: number;
		StreamARN: string;
	}> {
		return this.#call(() => {
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

	registerStreamConsumer(input: { StreamARN: string; ConsumerName: string }): Output<{
		Consumer: Omit<EfoConsumer, 'stream'>;
	}> {
		return this.#call(() => {
			const s = this.#stream({ StreamARN: input?.StreamARN });
			const name = input.ConsumerName;
			if (typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(name)) {
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
				);
			}
			const mine = [...this.#consumers.values()].filter((c) => c.stream === s.config.StreamName);
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

	describeStreamConsumer(input: {
		ConsumerARN: string;
	}): Output<{ ConsumerDescription: Omit<EfoConsumer, 'stream'> & { StreamARN: string } }> {
		return this.#call(() => {
			const c = this.#consumer(input?.ConsumerARN);
			const { stream, ...shape } = c;
			return this.#meta({
				ConsumerDescription: { ...shape, StreamARN: this.#stream({ StreamName: stream }).arn }
			});
		});
	}

	listStreamConsumers(input: { StreamARN: string }): Output<{ Consumers: Omit<EfoConsumer, 'stream'>[] }> {
		return this.#call(() => {
			const s = this.#stream({ StreamARN: input?.StreamARN });
			const list = [...this.#consumers.values()]
				.filter((c) => c.stream === s.config.StreamName)
				.map(({ stream: _s, ...shape }) => shape);
			return this.#meta({ Consumers: list });
		});
	}

	deregisterStreamConsumer(input: { ConsumerARN: string }): Output<object> {
		return this.#call(() => {
			this.#consumer(input?.ConsumerARN);
			this.#consumers.delete(input.ConsumerARN);
			return this.#meta({});
		});
	}

	#consumer(arn: string | undefined): EfoConsumer {
		const c = arn === undefined ? undefined : this.#consumers.get(arn);
		if (!c) throw awsError('ResourceNotFoundException', `Consumer ${String(arn)} not found.`);
		return c;
	}

	/**
	 * KIN-13: push records over a dedicated 2 MiB/s pipe per consumer per shard. The EventStream yields an
	 * event at once, then one per simulated second as the caller advances time; the subscription ends after
	 * 5 minutes (resubscribe from ContinuationSequenceNumber) or when a closed shard has been read to its end.
	 */
	subscribeToShard(input: {
		ConsumerARN: string;
		ShardId: string;
		StartingPosition: { Type: string; SequenceNumber?: string; Timestamp?: Date | number };
	}): Output<{ EventStream: AsyncIterable<SubscribeToShardEvent> }> {
		return this.#call(() => {
			const c = this.#consumer(input?.ConsumerARN);
			const stream = this.#stream({ StreamName: c.stream });
			const pos = input.StartingPosition ?? { Type: 'LATEST' };
			const iterator = stream.getShardIterator({
				ShardId: input.ShardId,
				ShardIteratorType: pos.Type,
				...(pos.SequenceNumber !== undefined ? { StartingSequenceNumber: pos.SequenceNumber } : {}),
				...(pos.Timestamp !== undefined ? { Timestamp: pos.Timestamp } : {})
			}).ShardIterator;
			let after = BigInt((JSON.parse(atob(iterator.slice(10))) as { after: string }).after);
			const world = this.#world;
			const startedAt = world.now();
			const shardId = input.ShardId;
			const events: AsyncIterable<SubscribeToShardEvent> = {
				[Symbol.asyncIterator]() {
					let first = true;
					let done = false;
					return {
						async next(): Promise<IteratorResult<SubscribeToShardEvent>> {
							if (done) return { done: true, value: undefined };
							if (!first) await world.sleep(1000);
							first = false;
							if (world.now() - startedAt > EFO_SUBSCRIPTION_MS) {
								done = true;
								return { done: true, value: undefined };
							}
							const r = stream.readForSubscriber(shardId, after, EFO_BYTES_PER_S);
							const last = r.records[r.records.length - 1];
							if (last) after = BigInt(last.SequenceNumber);
							const event: SubscribeToShardEvent = {
								SubscribeToShardEvent: {
									Records: r.records.map((x) => ({
										SequenceNumber: x.SequenceNumber,
										ApproximateArrivalTimestamp: new Date(epochMs(x.arrivedAt)),
										Data: x.Data,
										PartitionKey: x.PartitionKey
									})),
									ContinuationSequenceNumber: after.toString(),
									MillisBehindLatest: r.millisBehindLatest,
									...(r.childShards
										? { ChildShards: r.childShards.map((id) => ({ ShardId: id, ParentShards: [shardId] })) }
										: {})
								}
							};
							if (r.childShards) done = true;
							return { done: false, value: event };
						}
					};
				}
			};
			return this.#meta({ EventStream: events });
		});
	}

	increaseStreamRetentionPeriod(input: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#call(() => {
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

	decreaseStreamRetentionPeriod(input: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#call(() => {
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

function safeDecode(iterator: unknown): string {
	try {
		return atob(String(iterator).slice(10));
	} catch {
		return '';
	}
}
