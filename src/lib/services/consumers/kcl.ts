// A polling Kinesis consumer in the style of the KCL (KIN-8, KIN-11, KIN-14): one lease per shard, reading
// with GetRecords along NextShardIterator, processing each record, checkpointing after each batch, and
// starting a child shard only once all its parents reached SHARD_END so per-key order holds. Throttles and
// expired iterators are retried from the checkpoint. All timers are scheduler data events.
//
// Every lease goes through its lifecycle machine (lease-lifecycle.ts): the machine picks the transition
// (its guards evaluated here), then the consumer's one executor (#perform) runs the transition's named
// effects in order. An event the machine does not accept in the lease's status is a bug and throws.

import { nodeOf } from '../nodes';
import type { SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { KinesisConsumerSpec } from '../../engine/scenario';
import type { Guards } from '../shared/compile-machine';
import { unknownEvent } from '../shared/operator';
import { sampleDurationMs } from './distribution';
import { EfoSubscription, type EfoSubscriptionState } from '../kinesis/efo';
import type { KinesisStream } from '../kinesis/stream';
import { readShard, shardIterator, shardsToStart } from './shard-reader';
import {
	type LeaseEffect,
	type LeaseEvent,
	type LeaseGuard,
	type LeaseStatus,
	leaseLifecycle,
	leaseStatus
} from './lease-lifecycle';

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
	/** KIN-13: the lease's enhanced fan-out subscription (with EnhancedFanOut), as plain data. */
	efo?: EfoSubscriptionState;
	busyUntil?: number;
	token: number;
}

interface ConsumerState {
	leases: Lease[];
	dead: number[];
	processed: number;
	throttled: number;
}

/** The events the consumer schedules on itself (its timers) and the worker failures of its scenario. */
export type KclEvent =
	| { type: 'SYNC' }
	| { type: 'POLL'; shard: string; token: number }
	| { type: 'CHECKPOINT'; shard: string; owner: number; seq: string }
	| { type: 'DIE'; worker: number }
	| { type: 'TAKEOVER'; shard: string; from: number };

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

	/** KIN-14: a lease's place in its machine (lease-lifecycle.ts). */
	leaseStatus(lease: Readonly<Lease>): LeaseStatus {
		return leaseStatus(lease, this.#s.dead);
	}

	start(): void {
		this.#at(0, { type: 'SYNC' });
		for (const f of this.spec.WorkerFailures) this.#at(f.atMs, { type: 'DIE', worker: f.worker });
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ConsumerState;
	}

	handle(event: KclEvent): void {
		switch (event.type) {
			case 'SYNC':
				this.#sync();
				this.#after(SHARD_SYNC_MS, { type: 'SYNC' });
				return;
			case 'POLL':
				return this.#poll(event.shard, event.token);
			case 'CHECKPOINT':
				return this.#checkpoint(event.shard, event.owner, event.seq);
			case 'DIE':
				return this.#die(event.worker);
			case 'TAKEOVER':
				return this.#onTakeover(event.shard, event.from);
			default:
				return unknownEvent(`kinesis-consumer ${this.id}`, event);
		}
	}

	#at(t: number, event: KclEvent): void {
		this.ctx.at(t, this.id, event);
	}

	#after(ms: number, event: KclEvent): void {
		this.ctx.after(ms, this.id, event);
	}

	#stream(): KinesisStream {
		const stream = nodeOf(this.ctx, this.streamId, 'kinesis-stream');
		if (!stream) throw new Error(`${this.id}: ${this.streamId} is not a Kinesis stream`);
		return stream;
	}

	#lease(shard: string): Lease | undefined {
		return this.#s.leases.find((l) => l.shard === shard);
	}

	/**
	 * Advance a lease through its machine from `from` (its status now, unless the caller already changed the
	 * data it is read from), then perform the transition's effects on it.
	 */
	#step(
		lease: Lease,
		event: LeaseEvent,
		guards?: Guards<LeaseGuard>,
		from: LeaseStatus = this.leaseStatus(lease),
		seq?: string
	): void {
		const stepped = leaseLifecycle.step(from, event, guards);
		if (stepped === undefined) throw new Error(`kcl-lease: no transition for ${event} in state ${from}`);
		for (const effect of stepped[1]) this.#perform(effect, lease, seq);
	}

	/** KIN-14: is the worker a lease would go to now alive? */
	#liveWorker(): boolean {
		return !this.#s.dead.includes(this.#nextOwner());
	}

	/** The one executor of the lease machine's named effects. */
	#perform(effect: LeaseEffect, lease: Lease, seq?: string): void {
		switch (effect) {
			case 'assignLeastLoaded':
				lease.owner = this.#nextOwner();
				return;
			case 'writeLease':
				this.#s.leases.push(lease);
				return;
			case 'startPolling':
				this.#after(0, { type: 'POLL', shard: lease.shard, token: lease.token });
				return;
			case 'readShard':
				return this.#read(lease);
			case 'writeCheckpoint':
				if (seq !== undefined) lease.checkpoint = seq;
				return;
			case 'stopPolling':
				lease.token++;
				return;
			case 'scheduleTakeover':
				this.#after(this.spec.FailoverTimeMillis, {
					type: 'TAKEOVER',
					shard: lease.shard,
					from: lease.owner
				});
				return;
			case 'takeOver':
				return this.#takeOver(lease);
			case 'resumeFromCheckpoint':
			case 'clearIterator':
				delete lease.iterator;
				delete lease.efo; // KIN-13: a subscription from the checkpoint next time.
				return;
			case 'checkpointShardEnd':
				lease.checkpoint = 'SHARD_END';
				return;
			case 'leaseChildren':
				return this.#sync();
			default:
				throw new Error(
					`kinesis-consumer ${this.id}: no executor for effect ${String(effect satisfies never)}`
				);
		}
	}

	/** KIN-11/-14: take a lease on every shard whose parents are all finished (or gone). */
	#sync(): void {
		const finished = (l: Lease) => this.leaseStatus(l) === 'finished';
		for (const { shard, position } of shardsToStart(
			this.#stream(),
			this.#s.leases,
			finished,
			this.spec.StartingPosition
		)) {
			// Children of a finished parent start at their beginning, so nothing is skipped. The LEASE
			// transition gives the row its owner (assignLeastLoaded) and writes it.
			const lease: Lease = { shard, owner: -1, checkpoint: position, token: 0 };
			this.#step(lease, 'LEASE', { liveWorker: () => this.#liveWorker() }, 'unleased');
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
		const held = this.#s.leases.filter((l) => l.owner === worker && this.leaseStatus(l) === 'held');
		this.#s.dead.push(worker);
		this.ctx.trace({ type: 'worker-died', node: this.id, worker: `${this.id}/${worker}` });
		// Its leases are no longer renewed: another worker takes them after the failover time.
		for (const l of held) this.#step(l, 'OWNER_DIED', undefined, 'held');
	}

	#onTakeover(shard: string, from: number): void {
		const lease = this.#lease(shard);
		if (!lease || lease.owner !== from) return;
		this.#step(lease, 'TAKEOVER', { liveWorker: () => this.#liveWorker() });
	}

	#takeOver(lease: Lease): void {
		const from = lease.owner;
		const to = this.#nextOwner();
		lease.owner = to;
		this.ctx.trace({
			type: 'lease-taken',
			node: this.id,
			shard: lease.shard,
			from: `${this.id}/${from}`,
			to: `${this.id}/${to}`,
			checkpoint: lease.checkpoint,
			cause: 'lease-expired'
		});
		lease.token++;
	}

	#checkpoint(shard: string, owner: number, seq: string): void {
		const lease = this.#lease(shard);
		if (!lease) return;
		const from = this.leaseStatus(lease);
		// The last batch's checkpoint arrives after SHARD_END: the lease is done with.
		if (leaseLifecycle.isFinal(from)) return;
		// A dead worker never writes its checkpoint (KIN-14): the records it processed will be replayed.
		this.#step(lease, 'CHECKPOINT', { writerHoldsLease: lease.owner === owner }, from, seq);
	}

	/**
	 * KIN-13: the next push of the lease's enhanced fan-out subscription (services/kinesis/efo.ts), as a
	 * GetRecords-shaped result. The first subscription, and the one after a takeover, starts at the checkpoint;
	 * when a subscription's 5 minutes are over, the consumer subscribes again where it ended.
	 */
	#push(lease: Lease): {
		Records: { SequenceNumber: string; PartitionKey: string }[];
		NextShardIterator?: string;
	} {
		const stream = this.#stream();
		const now = this.ctx.now();
		let sub = lease.efo ? new EfoSubscription(stream, lease.efo) : this.#subscribe(stream, lease, now);
		let push = sub.next(now);
		if (!push) {
			sub = sub.resubscribe(now);
			push = sub.next(now);
		}
		lease.efo = sub.snapshot();
		if (!push) throw new Error(`${this.id}: a new subscription to ${lease.shard} pushed nothing`);
		this.ctx.trace(push.trace);
		const e = push.event.SubscribeToShardEvent;
		return {
			Records: e.Records.map((x) => ({ SequenceNumber: x.SequenceNumber, PartitionKey: x.PartitionKey })),
			...(e.ChildShards ? {} : { NextShardIterator: e.ContinuationSequenceNumber })
		};
	}

	/** KIN-13: a subscription to the lease's shard from its checkpoint (TRIM_HORIZON, LATEST or after a record). */
	#subscribe(stream: KinesisStream, lease: Lease, now: number): EfoSubscription {
		const c = lease.checkpoint;
		const position =
			c === 'TRIM_HORIZON' || c === 'LATEST'
				? { Type: c }
				: { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: c };
		return EfoSubscription.start(
			stream,
			{
				consumerARN: `${stream.arn}/consumer/${this.id}`,
				consumerName: this.id,
				shardId: lease.shard,
				position
			},
			now
		);
	}

	/** The lease's iterator, or a new one from its checkpoint (after a takeover or an expired iterator). */
	#iterator(lease: Lease): string {
		return lease.iterator || shardIterator(this.#stream(), lease.shard, lease.checkpoint);
	}

	#poll(shard: string, token: number): void {
		const lease = this.#lease(shard);
		if (!lease || lease.token !== token) return; // A poll from before the lease's last token.
		this.#step(lease, 'POLL');
	}

	#read(lease: Lease): void {
		const shard = lease.shard;
		const next = () => this.#after(this.spec.PollIntervalMs, { type: 'POLL', shard, token: ++lease.token });
		const read = readShard(() =>
			this.spec.EnhancedFanOut
				? this.#push(lease)
				: this.#stream().getRecords({ ShardIterator: this.#iterator(lease), Limit: this.spec.Limit }, this.id)
		);
		if (!read.ok) {
			if (read.refusal === 'expired-iterator') delete lease.iterator; // Renew from the checkpoint.
			if (read.refusal === 'throttled') this.#s.throttled++;
			if (read.refusal === 'shard-gone') return this.#step(lease, 'SHARD_GONE'); // The shard expired.
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
			this.#at(t, { type: 'CHECKPOINT', shard, owner: lease.owner, seq: last.SequenceNumber });
		}
		if (result.NextShardIterator === undefined) return this.#step(lease, 'READ_TO_END');
		lease.iterator = result.NextShardIterator;
		const wait = result.Records.length > 0 ? Math.max(1, t - this.ctx.now()) : this.spec.PollIntervalMs;
		this.#after(wait, { type: 'POLL', shard, token: ++lease.token });
	}
}
