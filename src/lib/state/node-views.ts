// Read-only views of the simulation's nodes for the UI: a summary line per node, computed from the
// models' introspection getters (never from API calls that would change the run).

import type { Simulation } from '$lib/engine';
import {
	Consumer,
	FirehoseDeliveryStream,
	KinesisConsumer,
	KinesisStream,
	LambdaKinesisEventSource,
	LambdaSqsEventSource,
	Producer,
	SnsTopic,
	SqsQueue
} from '$lib/models';

export interface NodeView {
	id: string;
	type: string;
	title: string;
	stats: { label: string; value: string | number }[];
	/** FIFO groups waiting or in flight, the locked ones marked (SQS-FIFO-5). */
	chips?: { label: string; locked: boolean }[];
	/** Kinesis streams: one row per shard with its write load this second (0–1 of KIN-4's limit). */
	bars?: { label: string; fill: number; closed: boolean }[];
	/** Standard queues: available messages per simulated server (SQS-STD-2 [sim]). */
	servers?: number[];
}

/**
 * What the stage shows on each node. `servers`: count a standard queue's available messages per simulated
 * server (a pass over its messages; the stage asks only when zoomed in far enough to show them).
 */
export function nodeViews(sim: Simulation, options: { servers?: boolean } = {}): NodeView[] {
	const views: NodeView[] = [];
	for (const node of sim.nodes.values()) {
		if (node instanceof SqsQueue) {
			const c = node.counts;
			views.push({
				id: node.id,
				type: node.fifo ? 'SQS FIFO queue' : 'SQS standard queue',
				title: node.config.QueueName,
				stats: [
					{ label: 'delayed', value: c.delayed },
					{ label: 'available', value: c.available },
					{ label: 'in flight', value: c.inFlight },
					...(node.fifo ? [{ label: 'locked groups', value: node.lockedGroups().length }] : [])
				]
			});
			const view = views[views.length - 1] as NodeView;
			if (node.fifo) {
				const locked = new Set(node.lockedGroups());
				const groups = new Set<string>();
				for (const m of node.messages()) if (m.groupId !== undefined) groups.add(m.groupId);
				view.chips = [...groups].sort().map((g) => ({ label: g, locked: locked.has(g) }));
			} else if (options.servers !== false) {
				const servers = new Array<number>(node.config.nondeterminism.servers).fill(0);
				for (const m of node.messages()) {
					if (m.status === 'available') servers[m.servers[0] ?? 0] = (servers[m.servers[0] ?? 0] ?? 0) + 1;
				}
				view.servers = servers;
			}
		} else if (node instanceof Producer) {
			views.push({
				id: node.id,
				type: 'Producer',
				title: node.id,
				stats: [{ label: 'sent', value: node.sent }]
			});
		} else if (node instanceof Consumer) {
			const busy = node.workers.filter((w) => w.status === 'processing').length;
			views.push({
				id: node.id,
				type: 'Consumer',
				title: node.id,
				stats: [
					{ label: 'workers busy', value: `${busy}/${node.workers.length}` },
					{ label: 'polling', value: node.workers.filter((w) => w.status === 'polling').length }
				]
			});
		} else if (node instanceof SnsTopic) {
			views.push({
				id: node.id,
				type: node.fifo ? 'SNS FIFO topic' : 'SNS topic',
				title: node.config.TopicName,
				stats: [
					{ label: 'subscriptions', value: node.subscriptions().length },
					{ label: 'deliveries in progress', value: node.deliveries().length }
				]
			});
		} else if (node instanceof LambdaSqsEventSource) {
			views.push({
				id: node.id,
				type: 'Lambda (SQS event source)',
				title: node.id,
				stats: [
					{ label: 'pollers', value: node.target },
					{ label: 'running', value: node.active }
				]
			});
		} else if (node instanceof KinesisStream) {
			const readers = [...sim.nodes.values()].filter(
				(n): n is KinesisConsumer => n instanceof KinesisConsumer && n.streamId === node.id
			);
			const open = node.openShards();
			const records = node.shards().reduce((n, sh) => n + sh.records.length, 0);
			views.push({
				id: node.id,
				type: 'Kinesis stream',
				title: node.config.StreamName,
				stats: [
					{ label: 'open shards', value: open.length },
					{ label: 'records', value: records },
					{ label: 'status', value: node.status }
				],
				// KIN-1/-4: each shard's share of the hash space and this second's write load.
				bars: node.shards().map((sh) => {
					const current = sh.write.second === Math.floor(sim.now() / 1000);
					const load = current ? Math.max(sh.write.records / 1000, sh.write.bytes / (1024 * 1024)) : 0;
					// Each polling consumer's position: records of this shard not yet checkpointed (KIN-14).
					const lags = readers.map((c) => {
						const lease = c.leases.find((l) => l.shard === sh.ShardId);
						if (!lease) return `${c.id} –`;
						if (lease.checkpoint === 'SHARD_END') return `${c.id} done`;
						const cp = /^\d+$/.test(lease.checkpoint) ? BigInt(lease.checkpoint) : -1n;
						return `${c.id} lag ${sh.records.length - countUpTo(sh.records, cp)}`;
					});
					return {
						label: `${sh.ShardId.slice(-3)} · ${hashShare(sh.start, sh.end)} of keys${sh.open ? '' : ' · closed'}${
							lags.length > 0 ? ` · ${lags.join(', ')}` : ''
						}`,
						fill: Math.min(1, load),
						closed: !sh.open
					};
				})
			});
		} else if (node instanceof LambdaKinesisEventSource) {
			views.push({
				id: node.id,
				type: 'Lambda (Kinesis event source)',
				title: node.id,
				stats: [
					{ label: 'batches running', value: node.busy },
					{ label: 'shards done', value: node.leases.filter((l) => l.finished).length }
				]
			});
		} else if (node instanceof FirehoseDeliveryStream) {
			const b = node.buffered;
			views.push({
				id: node.id,
				type: 'Firehose',
				title: node.config.DeliveryStreamName,
				stats: [
					{ label: 'buffered', value: `${b.records} rec, ${(b.bytes / 1024).toFixed(0)} KiB` },
					{ label: 'objects', value: node.objects().length }
				],
				// FH-1: how full the buffer is against the size hint.
				bars: [
					{
						label: `buffer ${((b.bytes / (node.config.SizeInMBs * 1024 * 1024)) * 100).toFixed(0)}% of ${node.config.SizeInMBs} MiB`,
						fill: Math.min(1, b.bytes / (node.config.SizeInMBs * 1024 * 1024)),
						closed: false
					}
				]
			});
		} else if (node instanceof KinesisConsumer) {
			views.push({
				id: node.id,
				type: 'Kinesis consumer',
				title: node.id,
				stats: [
					{ label: 'leases', value: node.leases.length },
					{ label: 'finished', value: node.leases.filter((l) => l.checkpoint === 'SHARD_END').length }
				]
			});
		} else views.push({ id: node.id, type: node.type, title: node.id, stats: [] });
	}
	return views;
}

/** A shard's share of the 128-bit hash space, as a percentage. */
function hashShare(start: bigint, end: bigint): string {
	const share = Number(((end - start + 1n) * 10000n) >> 128n) / 100;
	return `${share.toFixed(share < 10 ? 1 : 0)}%`;
}

/** How many of the (sequence-ordered) records have a sequence number at or below `seq` (binary search). */
function countUpTo(records: readonly { SequenceNumber: string }[], seq: bigint): number {
	let lo = 0;
	let hi = records.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (BigInt((records[mid] as { SequenceNumber: string }).SequenceNumber) <= seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
