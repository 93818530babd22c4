// A polling Kinesis consumer in the style of the KCL (KIN-8, KIN-11, KIN-14): one lease per shard, reading
// with GetRecords along NextShardIterator, processing each record, checkpointing after each batch, and
// starting a child shard only once all its parents reached SHARD_END so per-key order holds. Throttles and
// expired iterators are retried from the checkpoint. All timers are scheduler data events.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { KinesisConsumerSpec } from '../../engine/scenario';
import { sampleDurationMs } from '../clients/distribution';
import type { KinesisStream } from './stream';

/** [sim] How often the consumer looks for new shards (KCL's shard sync). */
const SHARD_SYNC_MS = 10_000;

export interface Lease {
	shard: string;
	/** The last processed sequence number, or TRIM_HORIZON / LATEST, or SHARD_END (KIN-14). */
	checkpoint: string;
	iterator?: string;
	busyUntil?: number;
	token: number;
}

interface ConsumerState {
	leases: Lease[];
	processed: number;
	throttled: number;
}

export class KinesisConsumer implements SimNode {
	readonly id: string;
	readonly type = 'kinesis-consumer';
	readonly spec: KinesisConsumerSpec;
	readonly ctx: SimContext;
	readonly rng: Random;
	readonly streamId: string;
	#s: ConsumerState = { leases: [], processed: 0, throttled: 0 };

	constructor(spec: KinesisConsumerSpec, ctx: SimContext, streamId: string) {
		this.id = spec.id;
		this.spec = spec;
		this.ctx = ctx;
		this.streamId = streamId;
		this.rng = ctx.random(`kinesis-consumer:${spec.id}`);
	}

	get leases(): readonly Readonly<Lease>[] {
		return this.#s.leases;
	}

	start(): void {
		this.ctx.at(0, this.id, { type: 'SYNC' });
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ConsumerState;
	}

	handle(event: NodeEvent): void {
		switch (event.type) {
			case 'SYNC':
				this.#sync();
				this.ctx.after(SHARD_SYNC_MS, this.id, { type: 'SYNC' });
				return;
			case 'POLL':
				return this.#poll(event.shard as string, event.token as number);
			default:
				throw new Error(`kinesis-consumer ${this.id}: unknown event ${event.type}`);
		}
	}

	#stream(): KinesisStream {
		return this.ctx.node(this.streamId) as KinesisStream;
	}

	/** KIN-11/-14: take a lease on every shard whose parents are all finished (or gone). */
	#sync(): void {
		const stream = this.#stream();
		const shards = stream.shards();
		const known = new Set(shards.map((s) => s.ShardId));
		const done = (id: string) =>
			!known.has(id) || this.#s.leases.some((l) => l.shard === id && l.checkpoint === 'SHARD_END');
		for (const sh of shards) {
			if (this.#s.leases.some((l) => l.shard === sh.ShardId)) continue;
			const parents = [sh.ParentShardId, sh.AdjacentParentShardId].filter(
				(p): p is string => p !== undefined
			);
			if (!parents.every(done)) continue;
			// Children of a finished parent start at their beginning, so nothing is skipped.
			const lease: Lease = {
				shard: sh.ShardId,
				checkpoint: parents.length > 0 ? 'TRIM_HORIZON' : this.spec.StartingPosition,
				token: 0
			};
			this.#s.leases.push(lease);
			this.ctx.after(0, this.id, { type: 'POLL', shard: sh.ShardId, token: lease.token });
		}
	}

	#iterator(lease: Lease): string {
		const stream = this.#stream();
		if (lease.iterator) return lease.iterator;
		const c = lease.checkpoint;
		const it =
			c === 'TRIM_HORIZON' || c === 'LATEST'
				? stream.getShardIterator({ ShardId: lease.shard, ShardIteratorType: c })
				: stream.getShardIterator({
						ShardId: lease.shard,
						ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
						StartingSequenceNumber: c
					});
		return it.ShardIterator;
	}

	#poll(shard: string, token: number): void {
		const lease = this.#s.leases.find((l) => l.shard === shard);
		if (!lease || lease.token !== token || lease.checkpoint === 'SHARD_END') return;
		const next = () =>
			this.ctx.after(this.spec.PollIntervalMs, this.id, { type: 'POLL', shard, token: ++lease.token });
		let result;
		try {
			result = this.#stream().getRecords(
				{ ShardIterator: this.#iterator(lease), Limit: this.spec.Limit },
				this.id
			);
		} catch (err) {
			const name = (err as Error).name;
			if (name === 'ExpiredIteratorException') delete lease.iterator; // Renew from the checkpoint.
			if (name === 'ProvisionedThroughputExceededException') this.#s.throttled++;
			if (name === 'ResourceNotFoundException') {
				lease.checkpoint = 'SHARD_END'; // The shard expired.
				return;
			}
			next();
			return;
		}
		let t = this.ctx.now();
		for (const r of result.Records) {
			t += sampleDurationMs(this.spec.ProcessingTime, this.rng);
			this.ctx.trace({
				type: 'record-processed',
				node: this.id,
				msg: r.SequenceNumber,
				shard,
				partitionKey: r.PartitionKey,
				by: this.id,
				ok: true
			});
			this.#s.processed++;
		}
		const last = result.Records[result.Records.length - 1];
		if (last) lease.checkpoint = last.SequenceNumber; // Checkpoint after the batch (KIN-14).
		if (result.NextShardIterator === undefined) {
			lease.checkpoint = 'SHARD_END';
			delete lease.iterator;
			this.#sync();
			return;
		}
		lease.iterator = result.NextShardIterator;
		const wait = result.Records.length > 0 ? Math.max(1, t - this.ctx.now()) : this.spec.PollIntervalMs;
		this.ctx.after(wait, this.id, { type: 'POLL', shard, token: ++lease.token });
	}
}
