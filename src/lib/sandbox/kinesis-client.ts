// The `kinesis` of the sandbox: camelCase methods named after the AWS SDK v3 Kinesis commands, with their
// input and output shapes (Data as Uint8Array in and out, a string accepted too; timestamps as Date) and
// AWS's error names. Streams are addressed by StreamName or StreamARN. Resharding completes after
// RESHARD_MS of simulated time; enhanced fan-out pushes as the caller advances time (KIN-13).

import { awsError } from '../services/shared';
import { ACCOUNT_ID, epochMs } from '../services/shared';
import {
	EFO_MAX_CONSUMERS,
	EFO_PUSH_INTERVAL_MS,
	EfoSubscription,
	KinesisStream,
	type EfoStartingPosition,
	type GetRecordsOutput,
	type PutRecordInput,
	type SubscribeToShardEvent
} from '../services/kinesis';
import { decodeIterator } from '../services/kinesis';
import { ApiCalls } from './calls';
import {
	RESOURCE_NAME,
	SHAPES,
	shardShapes,
	streamDescription,
	streamSummary,
	type ConsumerShape,
	type ShardFilter,
	type ShardShape,
	type StreamDescriptionShape,
	type StreamRef,
	type StreamSummaryShape
} from './kinesis-shapes';
import type { Output, SandboxWorld } from './world';
import { CORAL_JSON, show } from './shape';

export type { ShardFilter, ShardShape, SubscribeToShardEvent };

/** KIN-13: a registered consumer, and the stream it reads. */
interface EfoConsumer extends ConsumerShape {
	stream: string;
}

export class KinesisClient {
	readonly #world: SandboxWorld;
	readonly #api: ApiCalls;
	readonly #streams = new Map<string, KinesisStream>();
	readonly #consumers = new Map<string, EfoConsumer>();
	/** KIN-13: the latest subscription per consumer and shard. */
	readonly #subscriptions = new Map<string, EfoSubscription>();

	constructor(world: SandboxWorld) {
		this.#world = world;
		this.#api = new ApiCalls(world, 'sandbox:kinesis-request-ids', CORAL_JSON);
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
		return this.#api.run(SHAPES.createStream, raw, (input) => {
			const name = input.StreamName;
			if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) {
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
			return {};
		});
	}

	#consumersOf(s: KinesisStream): EfoConsumer[] {
		return [...this.#consumers.values()].filter((c) => c.stream === s.config.StreamName);
	}

	/** A stream with registered consumers is deleted only with EnforceConsumerDeletion (and them with it). */
	deleteStream(raw: StreamRef & { EnforceConsumerDeletion?: boolean }): Output<object> {
		return this.#api.run(SHAPES.deleteStream, raw, (input) => {
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
			return {};
		});
	}

	listStreams(raw: { Limit?: number; ExclusiveStartStreamName?: string } = {}): Output<{
		StreamNames: string[];
		HasMoreStreams: boolean;
		StreamSummaries: StreamSummaryShape[];
	}> {
		return this.#api.run(SHAPES.listStreams, raw, () => {
			const names = [...this.#streams.keys()].sort();
			return {
				StreamNames: names,
				HasMoreStreams: false,
				StreamSummaries: names.map((n) => streamSummary(this.#stream({ StreamName: n })))
			};
		});
	}

	describeStreamSummary(raw: StreamRef): Output<{
		StreamDescriptionSummary: StreamDescriptionShape & { OpenShardCount: number; ConsumerCount: number };
	}> {
		return this.#api.run(SHAPES.describeStreamSummary, raw, (input) => {
			const s = this.#stream(input);
			const counts = { OpenShardCount: s.openShards().length, ConsumerCount: this.#consumersOf(s).length };
			return { StreamDescriptionSummary: { ...streamDescription(s), ...counts } };
		});
	}

	/**
	 * Every shard not yet expired, closed ones included. [sim] One page (no NextToken); ShardFilter AT_LATEST
	 * keeps the open shards, AFTER_SHARD_ID those created after ShardId, and the TRIM_HORIZON types all.
	 */
	listShards(
		raw: StreamRef & { ShardFilter?: ShardFilter; ExclusiveStartShardId?: string }
	): Output<{ Shards: ShardShape[] }> {
		return this.#api.run(SHAPES.listShards, raw, (input) => {
			const s = this.#stream(input);
			let shards = shardShapes(s);
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
			return { Shards: shards };
		});
	}

	describeStream(raw: StreamRef): Output<{
		StreamDescription: StreamDescriptionShape & { Shards: ShardShape[]; HasMoreShards: boolean };
	}> {
		return this.#api.run(SHAPES.describeStream, raw, (input) => {
			const s = this.#stream(input);
			const shards = { Shards: shardShapes(s), HasMoreShards: false };
			return { StreamDescription: { ...streamDescription(s), ...shards } };
		});
	}

	putRecord(
		raw: StreamRef & PutRecordInput
	): Output<{ ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' }> {
		return this.#api.run(SHAPES.putRecord, raw, (input) =>
			this.#stream(input).putRecord(input, { from: 'sandbox' })
		);
	}

	putRecords(
		raw: StreamRef & { Records: PutRecordInput[] }
	): Output<ReturnType<KinesisStream['putRecords']>> {
		return this.#api.run(SHAPES.putRecords, raw, (input) =>
			this.#stream(input).putRecords(input.Records, { from: 'sandbox' })
		);
	}

	getShardIterator(
		raw: StreamRef & {
			ShardId: string;
			ShardIteratorType: string;
			StartingSequenceNumber?: string;
			Timestamp?: Date | number;
		}
	): Output<{ ShardIterator: string }> {
		return this.#api.run(SHAPES.getShardIterator, raw, (input) =>
			this.#stream(input).getShardIterator(input)
		);
	}

	getRecords(raw: { ShardIterator: string; Limit?: number; StreamARN?: string }): Output<GetRecordsOutput> {
		return this.#api.run(SHAPES.getRecords, raw, (input) => {
			const token = decodeIterator(input.ShardIterator);
			const s = token === undefined ? undefined : this.#streams.get(token.stream);
			if (!s) throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
			return s.getRecords(input, 'sandbox');
		});
	}

	splitShard(raw: StreamRef & { ShardToSplit: string; NewStartingHashKey: string }): Output<object> {
		return this.#api.run(SHAPES.splitShard, raw, (input) => {
			this.#stream(input).splitShard(input.ShardToSplit, input.NewStartingHashKey);
			return {};
		});
	}

	mergeShards(raw: StreamRef & { ShardToMerge: string; AdjacentShardToMerge: string }): Output<object> {
		return this.#api.run(SHAPES.mergeShards, raw, (input) => {
			this.#stream(input).mergeShards(input.ShardToMerge, input.AdjacentShardToMerge);
			return {};
		});
	}

	updateShardCount(raw: StreamRef & { TargetShardCount: number; ScalingType: 'UNIFORM_SCALING' }): Output<{
		StreamName: string;
		CurrentShardCount: number;
		TargetShardCount: number;
		StreamARN: string;
	}> {
		return this.#api.run(SHAPES.updateShardCount, raw, (input) => {
			if (input.ScalingType !== 'UNIFORM_SCALING') {
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]"
				);
			}
			const s = this.#stream(input);
			const r = s.updateShardCount(input.TargetShardCount);
			return { StreamName: s.config.StreamName, StreamARN: s.arn, ...r };
		});
	}

	// Enhanced fan-out (KIN-13) -------------------------------------------------------------------------------

	registerStreamConsumer(raw: { StreamARN: string; ConsumerName: string }): Output<{
		Consumer: ConsumerShape;
	}> {
		return this.#api.run(SHAPES.registerStreamConsumer, raw, (input) => {
			const s = this.#stream({ StreamARN: input.StreamARN });
			const name = input.ConsumerName;
			if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) {
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
			return { Consumer: shape };
		});
	}

	describeStreamConsumer(raw: {
		ConsumerARN: string;
	}): Output<{ ConsumerDescription: ConsumerShape & { StreamARN: string } }> {
		return this.#api.run(SHAPES.describeStreamConsumer, raw, (input) => {
			const c = this.#consumer(input.ConsumerARN);
			const { stream, ...shape } = c;
			return {
				ConsumerDescription: { ...shape, StreamARN: this.#stream({ StreamName: stream }).arn }
			};
		});
	}

	listStreamConsumers(raw: { StreamARN: string }): Output<{ Consumers: ConsumerShape[] }> {
		return this.#api.run(SHAPES.listStreamConsumers, raw, (input) => {
			const s = this.#stream({ StreamARN: input.StreamARN });
			const list = this.#consumersOf(s).map(({ stream: _s, ...shape }) => shape);
			return { Consumers: list };
		});
	}

	deregisterStreamConsumer(raw: { ConsumerARN: string }): Output<object> {
		return this.#api.run(SHAPES.deregisterStreamConsumer, raw, (input) => {
			this.#consumer(input.ConsumerARN);
			this.#consumers.delete(input.ConsumerARN);
			return {};
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
	 * stream is deleted. Subscribing again within 5 s of the last call is a ResourceInUseException. The
	 * subscription itself is an EfoSubscription (services/kinesis/efo.ts); this is its EventStream.
	 */
	subscribeToShard(raw: {
		ConsumerARN: string;
		ShardId: string;
		StartingPosition: EfoStartingPosition;
	}): Output<{ EventStream: AsyncIterable<SubscribeToShardEvent> }> {
		return this.#api.run(SHAPES.subscribeToShard, raw, (input) => {
			const c = this.#consumer(input.ConsumerARN);
			const stream = this.#stream({ StreamName: c.stream });
			const key = `${c.ConsumerARN}\u0000${input.ShardId}`;
			const world = this.#world;
			const sub = EfoSubscription.start(
				stream,
				{
					consumerARN: c.ConsumerARN,
					consumerName: c.ConsumerName,
					shardId: input.ShardId,
					position: input.StartingPosition
				},
				world.now(),
				this.#subscriptions.get(key)
			);
			this.#subscriptions.set(key, sub);
			const live = () =>
				this.#subscriptions.get(key) === sub &&
				this.#consumers.get(c.ConsumerARN) === c &&
				this.#streams.get(c.stream) === stream;
			const events: AsyncIterable<SubscribeToShardEvent> = {
				[Symbol.asyncIterator]() {
					let first = true;
					return {
						async next(): Promise<IteratorResult<SubscribeToShardEvent>> {
							if (sub.ended) return { done: true, value: undefined };
							if (!first) await world.sleep(EFO_PUSH_INTERVAL_MS);
							first = false;
							if (!live()) sub.close();
							const push = sub.next(world.now());
							if (!push) return { done: true, value: undefined };
							world.context.trace(push.trace);
							return { done: false, value: push.event };
						}
					};
				}
			};
			return { EventStream: events };
		});
	}

	increaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#api.run(SHAPES.increaseStreamRetentionPeriod, raw, (input) => {
			const s = this.#stream(input);
			if (input.RetentionPeriodHours < s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					'Requested retention period is shorter than the current one.'
				);
			}
			s.setRetentionHours(input.RetentionPeriodHours);
			return {};
		});
	}

	decreaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#api.run(SHAPES.decreaseStreamRetentionPeriod, raw, (input) => {
			const s = this.#stream(input);
			if (input.RetentionPeriodHours > s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					'Requested retention period is longer than the current one.'
				);
			}
			s.setRetentionHours(input.RetentionPeriodHours);
			return {};
		});
	}
}
