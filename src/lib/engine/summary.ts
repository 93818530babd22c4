// A streaming per-node summary of a trace: sent, received, deleted, duplicates delivered, out-of-order
// deliveries, dead-lettered, expired, filtered out, and latency percentiles in simulated time. It is a
// trace sink, so a run of millions of events is summarised without keeping the trace.

import type { TraceEvent, TraceSink } from './trace';

export interface NodeSummary {
	node: string;
	sent: number;
	received: number;
	deleted: number;
	duplicates: number;
	outOfOrder: number;
	deadLettered: number;
	expired: number;
	filteredOut: number;
	/** SNS deliveries that succeeded, and those dropped after failing with no DLQ. */
	delivered: number;
	dropped: number;
	/** Kinesis puts and reads over a shard's limits (KIN-4, KIN-7). */
	throttled: number;
	processed: number;
	failed: number;
	emptyReceives: number;
	/** Queue: enqueue → delete. Consumer: send to the queue → processed. */
	latencyP50Ms?: number;
	latencyP95Ms?: number;
	latencyP99Ms?: number;
}

export const SUMMARY_COLUMNS: { key: keyof NodeSummary; label: string }[] = [
	{ key: 'node', label: 'node' },
	{ key: 'sent', label: 'sent' },
	{ key: 'received', label: 'received' },
	{ key: 'deleted', label: 'deleted' },
	{ key: 'duplicates', label: 'dup delivered' },
	{ key: 'outOfOrder', label: 'out of order' },
	{ key: 'deadLettered', label: 'dead-lettered' },
	{ key: 'expired', label: 'expired' },
	{ key: 'filteredOut', label: 'filtered out' },
	{ key: 'delivered', label: 'delivered' },
	{ key: 'dropped', label: 'dropped' },
	{ key: 'throttled', label: 'throttled' },
	{ key: 'processed', label: 'processed' },
	{ key: 'failed', label: 'failed' },
	{ key: 'latencyP50Ms', label: 'p50 ms' },
	{ key: 'latencyP95Ms', label: 'p95 ms' },
	{ key: 'latencyP99Ms', label: 'p99 ms' }
];

/** A node's summary before any event: every count 0, no latencies. */
export function emptySummary(node: string): NodeSummary {
	return {
		node,
		sent: 0,
		received: 0,
		deleted: 0,
		duplicates: 0,
		outOfOrder: 0,
		deadLettered: 0,
		expired: 0,
		filteredOut: 0,
		delivered: 0,
		dropped: 0,
		throttled: 0,
		processed: 0,
		failed: 0,
		emptyReceives: 0
	};
}

/**
 * Latencies as an exact histogram of whole milliseconds: each rounded value and how often it occurred. Memory
 * grows with the distinct values (a few thousand at most), not with the messages. Rounding is monotonic, so
 * the k-th smallest rounded sample is the rounded k-th smallest sample: the percentiles are exactly those of
 * the sorted samples, rounded, as before.
 */
class LatencyHistogram {
	#counts = new Map<number, number>();
	#n = 0;

	add(sample: number): void {
		const v = Math.round(sample);
		this.#counts.set(v, (this.#counts.get(v) ?? 0) + 1);
		this.#n++;
	}

	/** The sample at rank ceil(q·n) (nearest rank), rounded, for each q; undefined when empty. */
	quantiles(qs: readonly number[]): (number | undefined)[] {
		if (this.#n === 0) return qs.map(() => undefined);
		// The keys are already whole milliseconds; the counts add up to n, so every rank below n is reached.
		const values = Float64Array.from(this.#counts.keys()).sort();
		return qs.map((q) => {
			const rank = Math.min(this.#n - 1, Math.max(0, Math.ceil(q * this.#n) - 1));
			let seen = 0;
			let k = 0;
			for (; k < values.length - 1; k++) {
				seen += this.#counts.get(values[k] as number) as number;
				if (seen > rank) break;
			}
			return values[k];
		});
	}
}

interface Acc {
	summary: NodeSummary;
	latencies: LatencyHistogram;
	/** Highest send rank delivered so far per ordering key (group or whole queue), for out-of-order counts. */
	lastRank: Map<string, number>;
	/** Enqueue time and rank by message id (per node: the key is the event's own id, no string is built). */
	enqueued: Map<string | undefined, { t: number; rank: number }>;
}

export class SummarySink implements TraceSink {
	#nodes = new Map<string, Acc>();
	#order: string[] = [];
	#rank = 0;

	/** The node of the last event and its accumulator: events come in runs from one node. */
	#lastNode: string | undefined;
	#lastAcc: Acc | undefined;

	#acc(node: string): Acc {
		if (node === this.#lastNode) return this.#lastAcc as Acc;
		let a = this.#nodes.get(node);
		if (!a) {
			a = {
				summary: emptySummary(node),
				latencies: new LatencyHistogram(),
				lastRank: new Map(),
				enqueued: new Map()
			};
			this.#nodes.set(node, a);
			this.#order.push(node);
		}
		this.#lastNode = node;
		this.#lastAcc = a;
		return a;
	}

	/** Make sure a node appears even if nothing happened to it. */
	declare(node: string): void {
		this.#acc(node);
	}

	write(e: TraceEvent): void {
		const a = this.#acc(e.node);
		const s = a.summary;
		switch (e.type) {
			case 'produced':
				s.sent++;
				break;
			case 'enqueued':
				s.sent++;
				a.enqueued.set(e.msg, { t: e.t, rank: this.#rank++ });
				break;
			case 'received': {
				s.received++;
				if (e.duplicate) s.duplicates++;
				const info = a.enqueued.get(e.msg);
				if (info && e.receiveCount === 1 && !e.duplicate) {
					const key = e.groupId ?? '';
					const last = a.lastRank.get(key) ?? -1;
					if (info.rank < last) s.outOfOrder++;
					else a.lastRank.set(key, info.rank);
				}
				break;
			}
			case 'deleted': {
				s.deleted++;
				const info = a.enqueued.get(e.msg);
				if (info) {
					a.latencies.add(e.t - info.t);
					a.enqueued.delete(e.msg);
				}
				break;
			}
			case 'dead-lettered':
				s.deadLettered++;
				a.enqueued.delete(e.msg);
				break;
			case 'expired':
				s.expired++;
				break;
			case 'receive-empty':
				s.emptyReceives++;
				break;
			case 'processed':
				if (e.ok) {
					s.processed++;
					a.latencies.add(e.latencyMs);
				} else s.failed++;
				break;
			case 'published':
			case 'firehose-buffered':
			case 'record-put':
				s.sent++;
				break;
			case 'put-throttled':
			case 'read-throttled':
				s.throttled++;
				break;
			case 'record-processed':
				if (e.ok) s.processed++;
				else s.failed++;
				break;
			case 'filtered-out':
				s.filteredOut++;
				break;
			case 'delivered':
			case 'firehose-delivered':
				s.delivered++;
				break;
			case 'delivery-dead-lettered':
				s.deadLettered++;
				break;
			case 'delivery-dropped':
				s.dropped++;
				break;
		}
	}

	summaries(): NodeSummary[] {
		return this.#order.map((id) => {
			const a = this.#nodes.get(id) as Acc;
			const out = { ...a.summary };
			const [p50, p95, p99] = a.latencies.quantiles([0.5, 0.95, 0.99]);
			if (p50 !== undefined) {
				out.latencyP50Ms = p50;
				out.latencyP95Ms = p95;
				out.latencyP99Ms = p99;
			}
			return out;
		});
	}
}

/** A fixed-width text table of summaries. */
export function formatSummaryTable(rows: NodeSummary[]): string {
	const cells = rows.map((r) =>
		SUMMARY_COLUMNS.map((c) => (r[c.key] === undefined ? '–' : String(r[c.key])))
	);
	const widths = SUMMARY_COLUMNS.map((c, k) =>
		Math.max(c.label.length, ...cells.map((row) => (row[k] as string).length))
	);
	const line = (vals: string[]) =>
		vals
			.map((v, k) => (k === 0 ? v.padEnd(widths[k] as number) : v.padStart(widths[k] as number)))
			.join('  ');
	return [
		line(SUMMARY_COLUMNS.map((c) => c.label)),
		line(widths.map((w) => '─'.repeat(w))),
		...cells.map(line)
	].join('\n');
}
