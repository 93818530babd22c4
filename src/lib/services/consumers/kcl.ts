// A polling Kinesis consumer in the style of the KCL (KIN-8, KIN-11, KIN-14): one lease per shard, reading
// with GetRecords along NextShardIterator, processing each record, checkpointing after each batch, and
// starting a child shard only once all its parents reached SHARD_END so per-key order holds. Throttles and
// expired iterators are retried from the checkpoint. All timers are scheduler data events.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { KinesisConsumerSpec } from '../../engine/scenario';
import { sampleDurationMs } from './distribution';
import type { KinesisStream } from '../kinesis/stream';
import { readShard, shardIterator, shardsToStart } from './shard-reader';

/** [sim] How often the consumer looks for new shards (KCL's shard sync). */
const SHARD_SYNC_MS = 10_000;

export interface Lease {
	shard: string;
	/** The worker holding the lease (KIN-14). */
	owner: number;
	/** Highest sequence number processed (checkpointed or not), to recognise replays. */
	processedUpTo?: string;
	/** The last processed sequence number, or TRIM_HORIZON / LATEST, or SHARD_END (KIN-14). */
	checkpoint: string;
	iterator?: string;
	busyUntil?: number;
	token: number;
}

interface ConsumerState {
	leases: Lease[];
	dead: number[];
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
	#s: ConsumerState = { leases: [], dead: [], processed: 0, throttled: 0 };

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
		for (const f of this.spec.WorkerFailures) this.ctx.at(f.atMs, this.id, { type: 'DIE', worker: f.worker });
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
			case 'CHECKPOINT':
				return this.#checkpoint(event.shard as string, event.owner as number, event.seq as string);
			case 'DIE':
				return this.#die(event.worker as number);
			case 'TAKEOVER':
				return this.#takeover(event.shard as string, event.from as number);
			default:
				throw new Error(`kinesis-consumer ${this.id}: unknown event ${event.type}`);
		}
	}

	#stream(): KinesisStream {
		return this.ctx.node(this.streamId) as KinesisStream;
	}

	/** KIN-11/-14: take a lease on every shard whose parents are all finished (or gone). */
	#sync(): void {
		const finished = (l: Lease) => l.checkpoint === 'SHARD_END';
		for (const { shard, position } of shardsToStart(
			this.#stream(),
			this.#s.leases,
			finished,
			this.spec.StartingPosition
		)) {
			// Children of a finished parent start at their beginning, so nothing is skipped.
			const lease: Lease = { shard, owner: this.#nextOwner(), checkpoint: position, token: 0 };
			this.#s.leases.push(lease);
			this.ctx.after(0, this.id, { type: 'POLL', shard, token: lease.token });
		}
	}

	#alive(): number[] {
		return Array.from({ length: this.spec.Workers }, (_, w) => w).filter((w) => !this.#s.dead.includes(w));
	}

	/** KIN-14: balance by giving a new lease to the live worker holding the fewest. */
	#nextOwner(): number {
		const alive = this.#alive();
		let best = alive[0] ?? 0;
		for (const w of alive) {
			if (
				this.#s.leases.filter((l) => l.owner === w).length <
				this.#s.leases.filter((l) => l.owner === best).length
			)
				best = w;
		}
		return best;
	}

	#die(worker: number): void {
		if (this.#s.dead.includes(worker)) return;
		this.#s.dead.push(worker);
		this.ctx.trace({ type: 'worker-died', node: this.id, worker: `${this.id}/${worker}` });
		// Its leases are no longer renewed: another worker takes them after the failover time.
		for (const l of this.#s.leases) {
			if (l.owner === worker && l.checkpoint !== 'SHARD_END') {
				l.token++; // stop the dead worker's polling
				this.ctx.after(this.spec.FailoverTimeMillis, this.id, {
					type: 'TAKEOVER',
					shard: l.shard,
					from: worker
				});
			}
		}
	}

	#takeover(shard: string, from: number): void {
		const lease = this.#s.leases.find((l) => l.shard === shard);
		if (!lease || lease.owner !== from) return;
		const to = this.#nextOwner();
		if (this.#s.dead.includes(to)) return; // Nobody left to take it.
		lease.owner = to;
		delete lease.iterator; // Resume from the last checkpoint, not from where the dead worker was.
		this.ctx.trace({
			type: 'lease-taken',
			node: this.id,
			shard,
			from: `${this.id}/${from}`,
			to: `${this.id}/${to}`,
			checkpoint: lease.checkpoint,
			cause: 'lease-expired'
		});
		this.ctx.after(0, this.id, { type: 'POLL', shard, token: ++lease.token });
	}

	#checkpoint(shard: string, owner: number, seq: string): void {
		const lease = this.#s.leases.find((l) => l.shard === shard);
		// A dead worker never writes its checkpoint (KIN-14): the records it processed will be replayed.
		if (!lease || lease.owner !== owner || this.#s.dead.includes(owner) || lease.checkpoint === 'SHARD_END')
			return;
		lease.checkpoint = seq;
	}

	/** KIN-13: what a SubscribeToShard push would carry, as a GetRecords-shaped result. */
	#push(lease: Lease): {
		Records: { SequenceNumber: string; PartitionKey: string }[];
		NextShardIterator?: string;
	} {
		const c = lease.checkpoint;
		const stream = this.#stream();
		const after =
			c === 'TRIM_HORIZON' ? -1n : c === 'LATEST' ? (stream.shard(lease.shard)?.lastSeq ?? 0n) : BigInt(c);
		const from = lease.iterator !== undefined ? BigInt(lease.iterator) : after;
		const r = stream.readForSubscriber(lease.shard, from, 2 * 1024 * 1024);
		const last = r.records[r.records.length - 1];
		const next = last ? last.SequenceNumber : from.toString();
		this.ctx.trace({
			type: 'records-read',
			node: this.streamId,
			shard: lease.shard,
			by: this.id,
			count: r.records.length,
			millisBehindLatest: r.millisBehindLatest,
			cause: 'enhanced-fan-out'
		});
		return {
			Records: r.records.map((x) => ({ SequenceNumber: x.SequenceNumber, PartitionKey: x.PartitionKey })),
			...(r.childShards ? {} : { NextShardIterator: next })
		};
	}

	/** The lease's iterator, or a new one from its checkpoint (after a takeover or an expired iterator). */
	#iterator(lease: Lease): string {
		return lease.iterator || shardIterator(this.#stream(), lease.shard, lease.checkpoint);
	}

	#poll(shard: string, token: number): void {
		const lease = this.#s.leases.find((l) => l.shard === shard);
		if (!lease || lease.token !== token || lease.checkpoint === 'SHARD_END') return;
		if (this.#s.dead.includes(lease.owner)) return;
		const next = () =>
			this.ctx.after(this.spec.PollIntervalMs, this.id, { type: 'POLL', shard, token: ++lease.token });
		const read = readShard(() =>
			this.spec.EnhancedFanOut
				? this.#push(lease)
				: this.#stream().getRecords({ ShardIterator: this.#iterator(lease), Limit: this.spec.Limit }, this.id)
		);
		if (!read.ok) {
			if (read.refusal === 'expired-iterator') delete lease.iterator; // Renew from the checkpoint.
			if (read.refusal === 'throttled') this.#s.throttled++;
			if (read.refusal === 'shard-gone') {
				lease.checkpoint = 'SHARD_END'; // The shard expired.
				return;
			}
			next();
			return;
		}
		const result = read.result;
		let t = this.ctx.now();
		const before = lease.processedUpTo === undefined ? -1n : BigInt(lease.processedUpTo);
		for (const r of result.Records) {
			t += sampleDurationMs(this.spec.ProcessingTime, this.rng);
			const replay = BigInt(r.SequenceNumber) <= before;
			this.ctx.trace({
				type: 'record-processed',
				node: this.id,
				msg: r.SequenceNumber,
				shard,
				partitionKey: r.PartitionKey,
				by: this.id,
				ok: true,
				...(replay ? { replay: true, cause: 'replay-from-checkpoint' } : {})
			});
			this.#s.processed++;
		}
		const last = result.Records[result.Records.length - 1];
		if (last) {
			if (BigInt(last.SequenceNumber) > before) lease.processedUpTo = last.SequenceNumber;
			// KIN-14: checkpoint once the batch is processed.
			this.ctx.at(t, this.id, { type: 'CHECKPOINT', shard, owner: lease.owner, seq: last.SequenceNumber });
		}
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
