// Enhanced fan-out (KIN-13): one SubscribeToShard subscription as plain state and a step function. A
// subscription belongs to one registered consumer and one shard; it starts at a StartingPosition, and every
// push reads up to EFO_BYTES_PER_S of the records after its position through the stream's dedicated
// subscriber read (outside the shared GetRecords limits). It ends after EFO_SUBSCRIPTION_MS, after the push
// that reports a closed shard's ChildShards, or when its owner closes it (a newer subscription, a deleted
// consumer or stream). A consumer may subscribe to the same shard again only EFO_RESUBSCRIBE_MS after its
// last call. Time is whatever the caller passes in: the class keeps no clock and no timers.

import type { TraceInput } from '../../engine/trace';
import { awsError } from '../shared/errors';
import { epochMs } from '../shared/aws';
import { EFO_BYTES_PER_S, EFO_RESUBSCRIBE_MS, EFO_SUBSCRIPTION_MS } from './limits';
import type { ChildShard, GetRecordsOutput, KinesisStream } from './stream';

/** KIN-13: one push of a subscription's EventStream, in the AWS SDK v3 shape. */
export interface SubscribeToShardEvent {
	SubscribeToShardEvent: {
		Records: GetRecordsOutput['Records'];
		ContinuationSequenceNumber: string;
		MillisBehindLatest: number;
		ChildShards?: ChildShard[];
	};
}

/** SubscribeToShard's StartingPosition. */
export interface EfoStartingPosition {
	Type: string;
	SequenceNumber?: string;
	Timestamp?: Date | number;
}

/** What a subscription reads through: a stream's subscriber read and its shard layout. */
export type EfoSource = Pick<KinesisStream, 'id' | 'readForSubscriber' | 'startingPosition' | 'shard'>;

/** A subscription's whole state, as plain data (bigints as decimal text). */
export interface EfoSubscriptionState {
	consumerARN: string;
	consumerName: string;
	shardId: string;
	/** The records after this sequence number come next ("-1": from the oldest record kept). */
	after: string;
	/** The shard's first sequence number: ContinuationSequenceNumber never goes below it. */
	floor: string;
	/** Simulated time (ms) the subscription started. */
	startedAt: number;
	/** Pushes so far. */
	pushes: number;
	/** No more pushes (lifetime over, ChildShards reported, or closed by its owner). */
	ended: boolean;
}

/** One push: the event for the caller, and the trace event that records the read. */
export interface EfoPush {
	event: SubscribeToShardEvent;
	trace: TraceInput;
}

export class EfoSubscription {
	readonly #source: EfoSource;
	#s: EfoSubscriptionState;

	/**
	 * KIN-13: a new subscription at `now`. The StartingPosition is checked first (the stream's
	 * GetShardIterator rules); then, when `previous` (the consumer's last subscription to this shard) started
	 * less than EFO_RESUBSCRIBE_MS ago, it is a ResourceInUseException.
	 */
	static start(
		source: EfoSource,
		input: { consumerARN: string; consumerName: string; shardId: string; position: EfoStartingPosition },
		now: number,
		previous?: EfoSubscription
	): EfoSubscription {
		const { position: pos, shardId } = input;
		const after = source.startingPosition({
			ShardId: shardId,
			ShardIteratorType: pos.Type,
			...(pos.SequenceNumber !== undefined ? { StartingSequenceNumber: pos.SequenceNumber } : {}),
			...(pos.Timestamp !== undefined ? { Timestamp: pos.Timestamp } : {})
		});
		if (previous !== undefined && !previous.allowsResubscribe(now)) {
			throw awsError(
				'ResourceInUseException',
				`Another active subscription exists for consumer ${input.consumerARN} and shard ${shardId}; wait 5 seconds between SubscribeToShard calls.`
			);
		}
		return new EfoSubscription(source, {
			consumerARN: input.consumerARN,
			consumerName: input.consumerName,
			shardId,
			after: after.toString(),
			floor: source.shard(shardId)?.StartingSequenceNumber ?? '0',
			startedAt: now,
			pushes: 0,
			ended: false
		});
	}

	constructor(source: EfoSource, state: EfoSubscriptionState) {
		this.#source = source;
		this.#s = { ...state };
	}

	get ended(): boolean {
		return this.#s.ended;
	}

	get startedAt(): number {
		return this.#s.startedAt;
	}

	/** KIN-13: the same consumer may subscribe to this shard again from EFO_RESUBSCRIBE_MS after this one. */
	allowsResubscribe(now: number): boolean {
		return now - this.#s.startedAt >= EFO_RESUBSCRIBE_MS;
	}

	/**
	 * KIN-13: a new subscription at `now` that continues where this one ended, as a client does when a
	 * subscription's 5 minutes are over; refused (ResourceInUseException) within EFO_RESUBSCRIBE_MS of this
	 * one's start.
	 */
	resubscribe(now: number): EfoSubscription {
		if (!this.allowsResubscribe(now)) {
			throw awsError(
				'ResourceInUseException',
				`Another active subscription exists for consumer ${this.#s.consumerARN} and shard ${this.#s.shardId}; wait 5 seconds between SubscribeToShard calls.`
			);
		}
		return new EfoSubscription(this.#source, { ...this.#s, startedAt: now, pushes: 0, ended: false });
	}

	/** No more pushes: a newer subscription replaced it, or its consumer or stream is gone. */
	close(): void {
		this.#s.ended = true;
	}

	/**
	 * The push due at `now`, or undefined once the subscription has ended (its 5 minutes are over, or it was
	 * closed, or the last push reported ChildShards). Reads at most EFO_BYTES_PER_S after the position and
	 * moves the position past what it read.
	 */
	next(now: number): EfoPush | undefined {
		const s = this.#s;
		if (s.ended) return undefined;
		if (now - s.startedAt > EFO_SUBSCRIPTION_MS) {
			s.ended = true;
			return undefined;
		}
		const r = this.#source.readForSubscriber(s.shardId, BigInt(s.after), EFO_BYTES_PER_S);
		const last = r.records[r.records.length - 1];
		if (last) s.after = last.SequenceNumber;
		s.pushes++;
		if (r.childShards) s.ended = true;
		// Where to resume with AFTER_SEQUENCE_NUMBER: never below the shard's first number.
		const after = BigInt(s.after);
		const floor = BigInt(s.floor);
		return {
			event: {
				SubscribeToShardEvent: {
					Records: r.records.map((x) => ({
						SequenceNumber: x.SequenceNumber,
						ApproximateArrivalTimestamp: new Date(epochMs(x.arrivedAt)),
						Data: x.Data.slice(),
						PartitionKey: x.PartitionKey
					})),
					ContinuationSequenceNumber: (after > floor ? after : floor).toString(),
					MillisBehindLatest: r.millisBehindLatest,
					...(r.childShards ? { ChildShards: r.childShards } : {})
				}
			},
			trace: {
				type: 'records-read',
				node: this.#source.id,
				shard: s.shardId,
				by: s.consumerName,
				count: r.records.length,
				millisBehindLatest: r.millisBehindLatest,
				cause: 'enhanced-fan-out'
			}
		};
	}

	snapshot(): EfoSubscriptionState {
		return { ...this.#s };
	}

	restore(state: EfoSubscriptionState): void {
		this.#s = { ...state };
	}
}
