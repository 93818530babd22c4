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
import { parseKinesis } from './kinesis-validation';
import { normaliseShardId } from '../services/kinesis';
import { MAX_SHARDS, ON_DEMAND_SHARDS } from '../services/kinesis';
import { REGION } from '../services/shared';
import {
	RESOURCE_NAME,
	RULES,
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

/** KIN-15 [sim]: how long a new stream stays CREATING (and a deleted one DELETING) by default. */
export const DEFAULT_STREAM_CREATION_MS = 500;

export interface KinesisClientOptions {
	/** KIN-15 [sim]: ms a new stream is CREATING and a deleted one DELETING (default 500; 0: at once). */
	streamCreationMs?: number;
}

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
	/** Each stream's tags (a new stream of a reused name starts with none). */
	readonly #tags = new WeakMap<KinesisStream, Map<string, string>>();
	/** How many streams of each name were created (KIN-15: a name can be reused once a deletion completes). */
	readonly #incarnations = new Map<string, number>();

	/** KIN-15 [sim]: ms a new stream is CREATING (and a deleted one DELETING). */
	streamCreationMs: number;

	constructor(world: SandboxWorld, options: KinesisClientOptions = {}) {
		this.#world = world;
		this.#api = new ApiCalls(world, 'sandbox:kinesis-request-ids', CORAL_JSON);
		const ms = options.streamCreationMs ?? DEFAULT_STREAM_CREATION_MS;
		if (!Number.isFinite(ms) || ms < 0) {
			throw new RangeError(`kinesis: streamCreationMs must be a number ≥ 0 (got ${ms})`);
		}
		this.streamCreationMs = ms;
	}

	/** KIN-16: one API call: the request read and validated as Kinesis does, then `fn` on it. */
	#run<K extends keyof typeof SHAPES, I, O extends object>(op: K, raw: I, fn: (input: I) => O): Output<O> {
		return this.#api.call(() => this.#api.meta(fn(parseKinesis(SHAPES[op], raw, RULES[op]))));
	}

	#name(ref: StreamRef | undefined): string | undefined {
		return (
			ref?.StreamName ??
			(ref?.StreamARN !== undefined
				? /^arn:aws:kinesis:[^:]+:\d{12}:stream\/(.+)$/.exec(ref.StreamARN)?.[1]
				: undefined)
		);
	}

	#stream(ref: StreamRef | undefined): KinesisStream {
		const name = this.#name(ref);
		if (typeof name !== 'string')
			throw awsError('InvalidArgumentException', 'Either StreamName or StreamARN must be provided.');
		const s = this.#live(name);
		if (!s)
			throw awsError('ResourceNotFoundException', `Stream ${name} under account ${ACCOUNT_ID} not found.`);
		return s;
	}

	/**
	 * KIN-16: SplitShard and MergeShards read their shard ids before they look the stream up: an id that
	 * names no shard index is "Could not find shard …" even for an unknown stream (kinesalite
	 * test/mergeShards.js, "unknown stream and shard ID too big").
	 */
	#shardIdsFirst(ref: StreamRef, ids: readonly string[]): void {
		for (const id of ids) {
			if (normaliseShardId(id) === undefined) {
				throw awsError(
					'ResourceNotFoundException',
					`Could not find shard ${id} in stream ${String(this.#name(ref))} under account ${ACCOUNT_ID}.`
				);
			}
		}
	}

	/** KIN-15: the stream of that name, unless its deletion has completed (then it is forgotten). */
	#live(name: string): KinesisStream | undefined {
		const s = this.#streams.get(name);
		if (s?.deleted) {
			this.#streams.delete(name);
			for (const c of this.#consumersOf(s)) this.#consumers.delete(c.ConsumerARN);
			return undefined;
		}
		return s;
	}

	/** The simulation node behind a stream (for checkers, the UI and tests). */
	streamNode(name: string): KinesisStream {
		return this.#stream({ StreamName: name });
	}

	/**
	 * KIN-15: the new stream is CREATING (no shards; puts and reads are ResourceNotFoundException, resharding
	 * ResourceInUseException) for streamCreationMs, then ACTIVE with its shards. KIN-12: without ShardCount
	 * it gets 4 shards (recorded: LocalStack test_kinesis.snapshot.json,
	 * test_create_stream_without_shard_count); ON_DEMAND streams start with 4 too. KIN-6: MaxRecordSizeInKiB
	 * 1,024–10,240 (default 1,024).
	 */
	createStream(raw: {
		StreamName: string;
		ShardCount?: number;
		StreamModeDetails?: { StreamMode: 'PROVISIONED' | 'ON_DEMAND' };
		MaxRecordSizeInKiB?: number;
		Tags?: Record<string, string>;
	}): Output<object> {
		return this.#run('createStream', raw, (input) => {
			const name = input.StreamName;
			if (this.#live(name)) {
				throw awsError(
					'ResourceInUseException',
					`Stream ${name} under account ${ACCOUNT_ID} already exists.`
				);
			}
			const mode = input.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
			if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) {
				throw awsError('InvalidArgumentException', 'ShardCount is not supported for ON_DEMAND streams.');
			}
			const shards = mode === 'ON_DEMAND' ? ON_DEMAND_SHARDS : (input.ShardCount ?? ON_DEMAND_SHARDS);
			const inUse = [...this.#streams.values()]
				.filter((n) => !n.deleted)
				.reduce((k, n) => k + n.openShards().length, 0);
			if (inUse + shards > MAX_SHARDS) {
				// Recorded: kinesalite test/createStream.js, "should return LimitExceededException for large ShardCount".
				throw awsError(
					'LimitExceededException',
					`This request would exceed the shard limit for the account ${ACCOUNT_ID} in ${REGION}. Current shard count for the account: ${inUse}. Limit: ${MAX_SHARDS}. Number of additional shards that would have resulted from this request: ${shards}. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.`
				);
			}
			// A stream created again after a deletion is a new node: timers of the old one must not reach it.
			const n = (this.#incarnations.get(name) ?? 0) + 1;
			this.#incarnations.set(name, n);
			const node = new KinesisStream(
				n === 1 ? `kinesis-${name}` : `kinesis-${name}#${n}`,
				{
					StreamName: name,
					RetentionPeriodHours: 24,
					StreamMode: mode,
					MaxRecordSizeInKiB: input.MaxRecordSizeInKiB ?? 1024,
					CreationDelayMs: this.streamCreationMs
				},
				shards,
				this.#world.context
			);
			this.#world.addNode(node);
			this.#streams.set(name, node);
			this.#tags.set(node, new Map(Object.entries(input.Tags ?? {})));
			return {};
		});
	}

	#consumersOf(s: KinesisStream): EfoConsumer[] {
		return [...this.#consumers.values()].filter((c) => c.stream === s.config.StreamName);
	}

	/** A stream with registered consumers is deleted only with EnforceConsumerDeletion (and them with it). */
	deleteStream(raw: StreamRef & { EnforceConsumerDeletion?: boolean }): Output<object> {
		return this.#run('deleteStream', raw, (input) => {
			const s = this.#stream(input);
			const consumers = this.#consumersOf(s);
			if (consumers.length > 0 && input.EnforceConsumerDeletion !== true) {
				throw awsError(
					'ResourceInUseException',
					`Stream ${s.config.StreamName} under account ${ACCOUNT_ID} has registered consumers. Set EnforceConsumerDeletion to true to delete it with them.`
				);
			}
			// KIN-15: DELETING for streamCreationMs, then gone.
			s.deleteStream();
			for (const c of consumers) this.#consumers.delete(c.ConsumerARN);
			this.#live(s.config.StreamName);
			return {};
		});
	}

	/**
	 * The streams in name order (code units), after ExclusiveStartStreamName, at most Limit of them (100 when
	 * left out or larger, as AWS documents); HasMoreStreams says whether more follow, and NextToken carries on
	 * from the last name returned. Recorded: kinesalite test/listStreams.js, "should return all streams",
	 * "should return single stream".
	 */
	listStreams(raw: { Limit?: number; ExclusiveStartStreamName?: string; NextToken?: string } = {}): Output<{
		StreamNames: string[];
		HasMoreStreams: boolean;
		StreamSummaries: StreamSummaryShape[];
		NextToken?: string;
	}> {
		return this.#run('listStreams', raw, (input) => {
			let after = input.ExclusiveStartStreamName;
			if (input.NextToken !== undefined) {
				if (after !== undefined) {
					throw awsError(
						'InvalidArgumentException',
						'NextToken and ExclusiveStartStreamName cannot be provided together.'
					);
				}
				const from = /^ls1\/(.+)$/.exec(input.NextToken)?.[1];
				if (from === undefined) throw awsError('InvalidArgumentException', 'Invalid NextToken.');
				after = from;
			}
			const names = [...this.#streams.keys()]
				.filter((n) => this.#live(n))
				.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
				.filter((n) => after === undefined || n > after);
			const limit = Math.min(input.Limit ?? LIST_STREAMS_MAX, LIST_STREAMS_MAX);
			const page = names.slice(0, limit);
			const more = names.length > page.length;
			return {
				StreamNames: page,
				HasMoreStreams: more,
				...(more ? { NextToken: `ls1/${String(page[page.length - 1])}` } : {}),
				StreamSummaries: page.map((n) => streamSummary(this.#stream({ StreamName: n })))
			};
		});
	}

	// Tags --------------------------------------------------------------------------------------------------

	#tagsOf(s: KinesisStream): Map<string, string> {
		let t = this.#tags.get(s);
		if (!t) this.#tags.set(s, (t = new Map<string, string>()));
		return t;
	}

	/**
	 * Adds or overwrites tags. The stream is looked up first, then the characters are checked (Unicode letters,
	 * digits, space and _ . / = + - @; `%` has its own message), then the 50-tag limit, whose message says 10
	 * as AWS's does. Recorded: kinesalite test/addTagsToStream.js, "should add and remove tags keys",
	 * "; in tag key", "% in tag key", "ResourceNotFoundException if stream does not exist".
	 */
	addTagsToStream(raw: StreamRef & { Tags: Record<string, string> }): Output<object> {
		return this.#run('addTagsToStream', raw, (input) => {
			const s = this.#stream(input);
			const entries = Object.entries(input.Tags);
			tagCharacters(
				entries.flat(),
				`Failed to add tags to stream ${s.config.StreamName} under account ${ACCOUNT_ID}`
			);
			const tags = this.#tagsOf(s);
			const total = new Set([...tags.keys(), ...entries.map(([k]) => k)]).size;
			if (total > MAX_TAGS) {
				throw awsError(
					'InvalidArgumentException',
					`Failed to add tags to stream ${s.config.StreamName} under account ${ACCOUNT_ID} because a given stream cannot have more than 10 tags associated with it.`
				);
			}
			for (const [k, v] of entries) tags.set(k, v);
			return {};
		});
	}

	/**
	 * The tags in key order (code units), after ExclusiveStartTagKey, at most Limit of them; HasMoreTags says
	 * whether more follow. Recorded: kinesalite test/listTagsForStream.js, "should list in alphabetical order",
	 * "should return empty list by default"; LocalStack test_kinesis.snapshot.json, test_add_tags_to_stream.
	 */
	listTagsForStream(
		raw: StreamRef & { ExclusiveStartTagKey?: string; Limit?: number }
	): Output<{ Tags: { Key: string; Value: string }[]; HasMoreTags: boolean }> {
		return this.#run('listTagsForStream', raw, (input) => {
			const s = this.#stream(input);
			const after = input.ExclusiveStartTagKey;
			const all = [...this.#tagsOf(s).entries()]
				.filter(([k]) => after === undefined || k > after)
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([Key, Value]) => ({ Key, Value }));
			const page = input.Limit === undefined ? all : all.slice(0, input.Limit);
			return { Tags: page, HasMoreTags: page.length < all.length };
		});
	}

	/**
	 * Removes tags by key (unknown keys are ignored). Recorded: kinesalite test/removeTagsFromStream.js,
	 * "should add and remove tags keys", "; in TagKeys", "% in TagKeys".
	 */
	removeTagsFromStream(raw: StreamRef & { TagKeys: string[] }): Output<object> {
		return this.#run('removeTagsFromStream', raw, (input) => {
			const s = this.#stream(input);
			tagCharacters(
				input.TagKeys,
				`Failed to remove tags from stream ${s.config.StreamName} under account ${ACCOUNT_ID}`
			);
			const tags = this.#tagsOf(s);
			for (const k of input.TagKeys) tags.delete(k);
			return {};
		});
	}

	/** KIN-6: the summary reports the stream's MaxRecordSizeInKiB. */
	describeStreamSummary(raw: StreamRef): Output<{
		StreamDescriptionSummary: StreamDescriptionShape & {
			OpenShardCount: number;
			ConsumerCount: number;
			MaxRecordSizeInKiB: number;
		};
	}> {
		return this.#run('describeStreamSummary', raw, (input) => {
			const s = this.#stream(input);
			const counts = {
				OpenShardCount: s.openShards().length,
				ConsumerCount: this.#consumersOf(s).length,
				MaxRecordSizeInKiB: s.config.MaxRecordSizeInKiB
			};
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
		return this.#run('listShards', raw, (input) => {
			// KIN-16: recorded in kinesalite test/listShards.js ("no StreamName or NextToken", "both StreamName
			// and NextToken"). [sim] ListShards answers in one page, so no NextToken is ever valid.
			const named = input.StreamName !== undefined || input.StreamARN !== undefined;
			const token = (input as { NextToken?: string }).NextToken;
			if (!named && token === undefined) {
				throw awsError('InvalidArgumentException', 'Either NextToken or StreamName should be provided.');
			}
			if (named && token !== undefined) {
				throw awsError('InvalidArgumentException', 'NextToken and StreamName cannot be provided together.');
			}
			if (token !== undefined) throw awsError('InvalidArgumentException', 'Invalid NextToken.');
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
		return this.#run('describeStream', raw, (input) => {
			const s = this.#stream(input);
			const shards = { Shards: shardShapes(s), HasMoreShards: false };
			return { StreamDescription: { ...streamDescription(s), ...shards } };
		});
	}

	putRecord(
		raw: StreamRef & PutRecordInput
	): Output<{ ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' }> {
		return this.#run('putRecord', raw, (input) => this.#stream(input).putRecord(input, { from: 'sandbox' }));
	}

	putRecords(
		raw: StreamRef & { Records: PutRecordInput[] }
	): Output<ReturnType<KinesisStream['putRecords']>> {
		return this.#run('putRecords', raw, (input) =>
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
		return this.#run('getShardIterator', raw, (input) => {
			// KIN-16: the shard id is read first; an unknown stream has no such shard (kinesalite
			// test/getShardIterator.js, "unknown stream and shard ID just small enough").
			const id = normaliseShardId(input.ShardId);
			const name = this.#name(input);
			if (id === undefined) {
				throw awsError(
					'ResourceNotFoundException',
					`Could not find shard ${input.ShardId} in stream ${String(name)} under account ${ACCOUNT_ID}.`
				);
			}
			if (typeof name === 'string' && !this.#live(name)) {
				throw awsError(
					'ResourceNotFoundException',
					`Shard ${id} in stream ${name} under account ${ACCOUNT_ID} does not exist`
				);
			}
			return this.#stream(input).getShardIterator(input);
		});
	}

	getRecords(raw: { ShardIterator: string; Limit?: number; StreamARN?: string }): Output<GetRecordsOutput> {
		return this.#run('getRecords', raw, (input) => {
			// Recorded: LocalStack test_kinesis.snapshot.json, test_get_records_shard_iterator_with_surrounding_quotes:
			// Kinesis reads an iterator wrapped in double quotes as the iterator itself.
			const quoted = /^"(.*)"$/s.exec(input.ShardIterator);
			const iterator = quoted ? (quoted[1] as string) : input.ShardIterator;
			const token = decodeIterator(iterator);
			if (token === undefined) throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
			// Recorded: kinesalite test/getRecords.js, "should return ResourceNotFoundException if shard or stream
			// does not exist": an iterator of a deleted stream names its shard as missing.
			const s = this.#live(token.stream);
			if (!s) {
				throw awsError(
					'ResourceNotFoundException',
					`Shard ${token.shard} in stream ${token.stream} under account ${ACCOUNT_ID} does not exist`
				);
			}
			return s.getRecords({ ...input, ShardIterator: iterator }, 'sandbox');
		});
	}

	splitShard(raw: StreamRef & { ShardToSplit: string; NewStartingHashKey: string }): Output<object> {
		return this.#run('splitShard', raw, (input) => {
			this.#shardIdsFirst(input, [input.ShardToSplit]);
			this.#stream(input).splitShard(input.ShardToSplit, input.NewStartingHashKey);
			return {};
		});
	}

	mergeShards(raw: StreamRef & { ShardToMerge: string; AdjacentShardToMerge: string }): Output<object> {
		return this.#run('mergeShards', raw, (input) => {
			this.#shardIdsFirst(input, [input.ShardToMerge, input.AdjacentShardToMerge]);
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
		return this.#run('updateShardCount', raw, (input) => {
			const s = this.#stream(input);
			const r = s.updateShardCount(input.TargetShardCount);
			return { StreamName: s.config.StreamName, StreamARN: s.arn, ...r };
		});
	}

	// Enhanced fan-out (KIN-13) -------------------------------------------------------------------------------

	registerStreamConsumer(raw: { StreamARN: string; ConsumerName: string }): Output<{
		Consumer: ConsumerShape;
	}> {
		return this.#run('registerStreamConsumer', raw, (input) => {
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
		ConsumerARN?: string;
		StreamARN?: string;
		ConsumerName?: string;
	}): Output<{ ConsumerDescription: ConsumerShape & { StreamARN: string } }> {
		return this.#run('describeStreamConsumer', raw, (input) => {
			const c = this.#consumerOf(input);
			const { stream, ...shape } = c;
			return {
				ConsumerDescription: { ...shape, StreamARN: this.#stream({ StreamName: stream }).arn }
			};
		});
	}

	listStreamConsumers(raw: { StreamARN: string }): Output<{ Consumers: ConsumerShape[] }> {
		return this.#run('listStreamConsumers', raw, (input) => {
			const s = this.#stream({ StreamARN: input.StreamARN });
			const list = this.#consumersOf(s).map(({ stream: _s, ...shape }) => shape);
			return { Consumers: list };
		});
	}

	deregisterStreamConsumer(raw: {
		ConsumerARN?: string;
		StreamARN?: string;
		ConsumerName?: string;
	}): Output<object> {
		return this.#run('deregisterStreamConsumer', raw, (input) => {
			const c = this.#consumerOf(input);
			this.#consumers.delete(c.ConsumerARN);
			return {};
		});
	}

	/** A consumer named by its ARN, or by its stream's ARN and its name (both forms of the API). */
	#consumerOf(input: { ConsumerARN?: string; StreamARN?: string; ConsumerName?: string }): EfoConsumer {
		if (input.ConsumerARN !== undefined) return this.#consumer(input.ConsumerARN);
		if (input.StreamARN !== undefined && input.ConsumerName !== undefined) {
			const s = this.#stream({ StreamARN: input.StreamARN });
			const c = this.#consumersOf(s).find((x) => x.ConsumerName === input.ConsumerName);
			if (c) return c;
			throw awsError(
				'ResourceNotFoundException',
				`Consumer ${input.ConsumerName} under stream ${s.arn} not found.`
			);
		}
		throw awsError(
			'InvalidArgumentException',
			'Either ConsumerARN or both StreamARN and ConsumerName must be provided.'
		);
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
		return this.#run('subscribeToShard', raw, (input) => {
			const c = this.#consumer(input.ConsumerARN);
			const stream = this.#stream({ StreamName: c.stream });
			// KIN-16: `shard-1` and `1` name shardId-000000000001.
			const shardId = normaliseShardId(input.ShardId) ?? input.ShardId;
			const key = `${c.ConsumerARN}\u0000${shardId}`;
			const world = this.#world;
			const sub = EfoSubscription.start(
				stream,
				{
					consumerARN: c.ConsumerARN,
					consumerName: c.ConsumerName,
					shardId,
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

	/**
	 * KIN-10/-16: a longer retention period; a shorter one names the API to use (kinesalite
	 * test/increaseStreamRetentionPeriod.js, "should increase stream retention period").
	 */
	increaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#run('increaseStreamRetentionPeriod', raw, (input) => {
			const s = this.#stream(input);
			const hours = input.RetentionPeriodHours;
			tooShort(hours);
			if (hours < s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					`Requested retention period (${hours} hours) for stream ${s.config.StreamName} can not be shorter than existing retention period (${s.config.RetentionPeriodHours} hours). Use DecreaseRetentionPeriod API.`
				);
			}
			s.setRetentionHours(hours);
			return {};
		});
	}

	/**
	 * KIN-10/-16: a shorter retention period; a longer one names the API to use (kinesalite
	 * test/decreaseStreamRetentionPeriod.js, "retention period greater than current").
	 */
	decreaseStreamRetentionPeriod(raw: StreamRef & { RetentionPeriodHours: number }): Output<object> {
		return this.#run('decreaseStreamRetentionPeriod', raw, (input) => {
			const s = this.#stream(input);
			const hours = input.RetentionPeriodHours;
			tooShort(hours);
			if (hours > s.config.RetentionPeriodHours) {
				throw awsError(
					'InvalidArgumentException',
					`Requested retention period (${hours} hours) for stream ${s.config.StreamName} can not be longer than existing retention period (${s.config.RetentionPeriodHours} hours). Use IncreaseRetentionPeriod API.`
				);
			}
			s.setRetentionHours(hours);
			return {};
		});
	}

	/** KIN-12: switch the capacity mode; the stream is UPDATING until it applies. */
	updateStreamMode(raw: {
		StreamARN: string;
		StreamModeDetails: { StreamMode: 'PROVISIONED' | 'ON_DEMAND' };
	}): Output<object> {
		return this.#run('updateStreamMode', raw, (input) => {
			this.#stream({ StreamARN: input.StreamARN }).updateStreamMode(input.StreamModeDetails.StreamMode);
			return {};
		});
	}

	/** KIN-6: a new MaxRecordSizeInKiB (1,024–10,240); the stream is UPDATING until it applies. */
	updateMaxRecordSize(raw: StreamRef & { MaxRecordSizeInKiB: number }): Output<object> {
		return this.#run('updateMaxRecordSize', raw, (input) => {
			this.#stream(input).updateMaxRecordSize(input.MaxRecordSizeInKiB);
			return {};
		});
	}
}

/** At most this many streams in one ListStreams page (AWS documents 100). */
const LIST_STREAMS_MAX = 100;
/** At most this many tags on a stream (recorded: kinesalite test/addTagsToStream.js, "should add and remove tags keys"). */
const MAX_TAGS = 50;
/** The characters a tag may hold (kinesalite: tab, newline, `;` and `,` are refused; `%` has its own text). */
const TAG_CHARS = /^[\p{L}\p{N} _./=+\-%@]*$/u;

function tagCharacters(texts: readonly string[], failed: string): void {
	if (!texts.every((t) => TAG_CHARS.test(t))) {
		throw awsError(
			'InvalidArgumentException',
			'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.'
		);
	}
	if (texts.some((t) => t.includes('%'))) {
		throw awsError(
			'InvalidArgumentException',
			`${failed} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`
		);
	}
}

/** KIN-10: below 24 hours (recorded: kinesalite, "retention period less than 24"). */
function tooShort(hours: number): void {
	if (hours < 24) {
		throw awsError(
			'InvalidArgumentException',
			`Minimum allowed retention period is 24 hours. Requested retention period (${hours} hours) is too short.`
		);
	}
}
