// What a step did, in words: the trace events at one instant turned into a short sentence for the time
// controls ("orders: orders-producer-12 received by workers #2"). Pure; reads only trace events.

import type { TraceEvent } from '$lib/engine';

/** `workers/1` → `workers #2` (the consumer's second worker). */
function worker(name: string): string {
	const m = /^(.*)\/(\d+)$/.exec(name);
	return m ? `${m[1]} #${Number(m[2]) + 1}` : name;
}

/** An endpoint as a short name: a queue ARN's name, a URL's host. */
function endpoint(e: string): string {
	if (e.startsWith('arn:')) return e.slice(e.lastIndexOf(':') + 1);
	try {
		return new URL(e).host;
	} catch {
		return e;
	}
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export function describeEvent(e: TraceEvent): string | undefined {
	const who = e.origin ?? e.msg ?? 'a message';
	switch (e.type) {
		case 'produced':
			return `${e.node} sent ${who} to ${e.target}`;
		case 'enqueued':
			return `${e.node}: ${who} arrived${e.from !== e.node ? ` from ${e.from}` : ''}${e.visibleAt > e.t ? `, delayed ${s(e.visibleAt - e.t)}` : ''}`;
		case 'received':
			return `${e.node}: ${who} received by ${e.by}${e.receiveCount > 1 ? ` (receive ${e.receiveCount})` : ''}${e.duplicate ? ', a duplicate delivery' : ''}`;
		case 'receive-empty':
			return `${e.by} polled ${e.node} and got nothing`;
		case 'processing-started':
			return `${worker(e.worker)} started processing ${who}`;
		case 'processed':
			return `${worker(e.worker)} ${e.ok ? (e.skipped ? 'skipped (already processed)' : 'processed') : 'failed to process'} ${who}`;
		case 'deleted':
			return `${e.node}: ${who} deleted by ${e.by}`;
		case 'visibility-expired':
			return `${e.node}: ${who} is visible again (its visibility timeout ran out; received ${e.receiveCount}×)`;
		case 'dead-lettered':
			return `${e.node}: ${who} moved to ${e.dlq} after ${e.receiveCount} receives (maxReceiveCount ${e.maxReceiveCount})`;
		case 'copy-missed-delete':
			return `${e.node}: a copy of ${who} missed the delete; it comes back at ${s(e.reappearsAt)}`;
		case 'expired':
			return `${e.node}: ${who} expired (retention)`;
		case 'published':
			return `${e.node}: ${who} published`;
		case 'filtered-out':
			return `${e.node}: ${who} filtered out for ${endpoint(e.endpoint)}`;
		case 'delivery-attempted':
			return `${e.node}: delivery of ${who} to ${endpoint(e.endpoint)} ${e.outcome === 'success' ? 'succeeded' : `failed (${e.status ?? e.outcome}), attempt ${e.attempt}`}`;
		case 'delivery-dead-lettered':
			return `${e.node}: ${who} sent to the subscription's DLQ ${e.dlq} after ${e.attempts} attempts`;
		case 'record-put':
			return `${e.node}: ${who} put on ${e.shard}`;
		case 'put-throttled':
			return `${e.node}: a put of ${who} was throttled on ${e.shard}`;
		case 'record-processed':
			return `${worker(e.by)} ${e.ok ? 'processed' : 'failed on'} record ${who} from ${e.shard}${e.replay ? ' (a replay)' : ''}`;
		case 'batch-invoked':
			return `${worker(e.worker)} invoked with ${e.size} records${e.attempt !== undefined && e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
		case 'operator-action':
			return `${e.node}: you acted — ${e.action.replace(/-/g, ' ')}${e.origin ? ` ${e.origin}` : ''}${e.ignored ? ` (ignored: ${e.ignored.replace(/-/g, ' ')})` : ''}`;
		case 'firehose-flushed':
			return `${e.node}: flushed ${e.records} records (by ${e.cause ?? 'size or interval'})`;
		default:
			return `${e.node}: ${e.type.replace(/-/g, ' ')}`;
	}
}

/** One sentence for the events of one instant: the first two, and how many more. */
export function describeStep(events: readonly TraceEvent[]): string {
	const said = events.map(describeEvent).filter((x): x is string => x !== undefined);
	if (said.length === 0) return 'Nothing happened at this moment.';
	const shown = said.slice(0, 2).join('; ');
	return said.length > 2 ? `${shown}; and ${said.length - 2} more` : shown;
}
