// Named invariants and anomalies over a Kinesis trace, in the style of Maelstrom's anomaly reports:
// per-shard sequence numbers strictly increase (KIN-3); each consumer sees each partition key in put order
// (KIN-11: parents before children); and a report of lost (acknowledged, then expired unread), duplicated
// and throttled records, each with its cause.

import type { TraceEvent } from '../trace';
import type { Violation } from './violation';

export function checkShardSequences(events: Iterable<TraceEvent>): Violation[] {
	const last = new Map<string, bigint>();
	const out: Violation[] = [];
	for (const e of events) {
		if (e.type !== 'record-put') continue;
		const k = `${e.node}\u0000${e.shard}`;
		const seq = BigInt(e.msg as string);
		const prev = last.get(k);
		if (prev !== undefined && seq <= prev) {
			out.push({
				checker: 'shard-sequence',
				rule: 'KIN-3',
				t: e.t,
				node: e.node,
				msg: e.msg,
				message: `${e.shard}: sequence number ${e.msg} does not exceed the previous ${prev}`
			});
		}
		last.set(k, seq);
	}
	return out;
}

/**
 * KIN-11: per consumer and partition key (and explicit hash key, when a put named one), records are processed
 * in the order they were put (replays excepted).
 */
export function checkKeyOrder(events: Iterable<TraceEvent>): Violation[] {
	const putOrder = new Map<string, { rank: number; hashKey: string }>();
	const lastByKey = new Map<string, number>();
	const out: Violation[] = [];
	let n = 0;
	for (const e of events) {
		// Order is promised per hash key: records of one partition key share a shard (and its lineage) unless
		// a put named an explicit hash key (KIN-1), which then decides the shard for that record instead.
		if (e.type === 'record-put')
			putOrder.set(e.msg as string, { rank: n++, hashKey: e.explicitHashKey ?? '' });
		if (e.type !== 'record-processed' || e.replay) continue;
		const put = putOrder.get(e.msg as string);
		if (put === undefined) continue;
		const rank = put.rank;
		const k = `${e.by}\u0000${e.partitionKey}\u0000${put.hashKey}`;
		const prev = lastByKey.get(k);
		if (prev !== undefined && rank < prev) {
			out.push({
				checker: 'key-order',
				rule: 'KIN-11',
				t: e.t,
				node: e.node,
				msg: e.msg,
				message: `key ${e.partitionKey}: ${e.by} processed a record put before one it had already processed`
			});
		}
		lastByKey.set(k, Math.max(prev ?? -1, rank));
	}
	return out;
}

export interface KinesisAnomalies {
	/** Acknowledged puts that expired before any consumer processed them (cause: retention). */
	lost: { t: number; node: string; msg: string; shard: string }[];
	/** Records a consumer processed more than once, with the cause. */
	duplicated: { t: number; by: string; msg: string; cause: string }[];
	/** Records a Lambda mapping gave up on (ESM-KIN-5): skipped, not processed. */
	skipped: {
		t: number;
		by: string;
		shard: string;
		firstSeq: string;
		lastSeq: string;
		size: number;
		cause: string;
	}[];
	throttledPuts: number;
	throttledReads: number;
}

export function kinesisAnomalies(events: Iterable<TraceEvent>): KinesisAnomalies {
	const processed = new Map<string, number>();
	const report: KinesisAnomalies = {
		lost: [],
		duplicated: [],
		skipped: [],
		throttledPuts: 0,
		throttledReads: 0
	};
	for (const e of events) {
		if (e.type === 'put-throttled') report.throttledPuts++;
		if (e.type === 'batch-discarded') {
			report.skipped.push({
				t: e.t,
				by: e.node,
				shard: e.shard,
				firstSeq: e.firstSeq,
				lastSeq: e.lastSeq,
				size: e.size,
				cause: e.cause ?? 'gave-up'
			});
		}
		if (e.type === 'read-throttled') report.throttledReads++;
		if (e.type === 'record-processed') {
			const k = `${e.by}\u0000${e.msg}`;
			const n = processed.get(k) ?? 0;
			processed.set(k, n + 1);
			if (n > 0)
				report.duplicated.push({
					t: e.t,
					by: e.by,
					msg: e.msg as string,
					cause: e.cause ?? 'replay-from-checkpoint'
				});
			processed.set(`*\u0000${e.msg}`, 1);
		}
		if (e.type === 'record-expired' && !processed.has(`*\u0000${e.msg}`)) {
			report.lost.push({ t: e.t, node: e.node, msg: e.msg as string, shard: e.shard });
		}
	}
	return report;
}
