// A queue's model for the stage keeps a bounded number of message views (the stage draws a few rows and a
// `+N`), while its counts, group sizes and locks cover every message: a queue holding 100,000 messages costs
// the page no more per frame than one holding a few hundred.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '$lib/sandbox';
import {
	GROUP_MESSAGE_VIEWS,
	GROUP_VIEWS,
	nodeModels,
	SECTION_MESSAGE_VIEWS,
	type QueueModel
} from '$lib/viz/node-models';
import { DotTracker } from '$lib/viz/dots';
import type { LaidOutNode } from '$lib/viz/layout';
import { NORMAL_METRICS } from '$lib/viz/layout';
import { queueGeometry } from '$lib/viz/marks/queue';

const node = (id: string): LaidOutNode => ({
	id,
	type: 'sqs-queue',
	label: id,
	x: 0,
	y: 0,
	width: 400,
	height: 160,
	column: 0,
	dlq: false,
	rows: 3
});

function model(sb: ReturnType<typeof createSandbox>, id: string): QueueModel {
	return nodeModels(sb.world.simulation, new DotTracker(new Map())).get(id) as QueueModel;
}

function geometry(sb: ReturnType<typeof createSandbox>, q: QueueModel) {
	return queueGeometry(node(q.id), q, {
		t: sb.now(),
		m: NORMAL_METRICS,
		r: 5,
		dots: new DotTracker(new Map())
	});
}

describe('the queue model the stage draws', () => {
	it('SQS-STD-4: a standard queue keeps the first views of each section and counts them all', () => {
		const sb = createSandbox({ seed: 5 });
		const url = sb.sqs.createQueue({ QueueName: 'big' }).QueueUrl;
		const n = SECTION_MESSAGE_VIEWS * 3 + 7;
		const sent: string[] = [];
		for (let k = 0; k < n; k++)
			sent.push(sb.sqs.sendMessage({ QueueUrl: url, MessageBody: `m${k}` }).MessageId);
		sb.advanceTime(10);
		const got = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [];
		const q = model(sb, 'big');
		expect(q.counts).toEqual({ visible: n - got.length, inflight: got.length, delayed: 0 });
		const visible = q.messages.filter((m) => m.section === 'visible');
		expect(visible).toHaveLength(SECTION_MESSAGE_VIEWS);
		expect(q.messages.filter((m) => m.section === 'inflight')).toHaveLength(got.length);
		// The views are the oldest visible ones, in order.
		const received = new Set(got.map((m) => m.MessageId));
		expect(visible.map((m) => m.msg)).toEqual(
			sent.filter((id) => !received.has(id)).slice(0, SECTION_MESSAGE_VIEWS)
		);
		// The `+N` beside the visible section counts every visible message, not just the views.
		const tokens = geometry(sb, q).tokens.filter((t) => t.state.startsWith('visible'));
		const plus = geometry(sb, q).labels.find((l) => l.text.startsWith('+'));
		expect(plus?.text).toBe(`+${n - got.length - tokens.length}`);
		// …and the dots give way to it: none reaches under its text (drawn right-aligned at its x).
		const row = tokens.filter((t) => Math.abs(t.y - (plus?.y ?? 0) + 3) < 3);
		expect(row.length).toBeGreaterThan(0);
		for (const t of row) expect(t.x + t.r).toBeLessThan((plus?.x ?? 0) - (plus?.text.length ?? 0) * 5.5);
	});

	it('SQS-FIFO-5: a long group keeps its first views, its size, its order numbers and its blocking message', () => {
		const sb = createSandbox({ seed: 6 });
		const url = sb.sqs.createQueue({
			QueueName: 'long.fifo',
			Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
		}).QueueUrl;
		const n = GROUP_MESSAGE_VIEWS + 50;
		for (let k = 0; k < n; k++)
			sb.sqs.sendMessage({ QueueUrl: url, MessageBody: `a${k}`, MessageGroupId: 'a' });
		sb.advanceTime(10);
		const got = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 }).Messages ?? [];
		const q = model(sb, 'long.fifo');
		const a = q.groups.find((g) => g.id === 'a');
		expect(a?.size).toBe(n);
		expect(a?.messages).toHaveLength(GROUP_MESSAGE_VIEWS);
		expect(a?.messages.map((m) => m.order)).toEqual(
			Array.from({ length: GROUP_MESSAGE_VIEWS }, (_, k) => k + 1)
		);
		expect(a?.locked).toBe(true);
		expect(a?.blocking).toBe(got[0]?.MessageId);
		const labels = geometry(sb, q).labels.map((l) => l.text);
		const shown = geometry(sb, q).tokens.filter((t) => t.group === 'a').length;
		expect(labels).toContain(`+${n - shown}`);
	});

	it('SQS-FIFO-5: past the groups it draws, the model still counts every group and every lock', () => {
		const sb = createSandbox({ seed: 7 });
		const url = sb.sqs.createQueue({
			QueueName: 'many.fifo',
			Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
		}).QueueUrl;
		const groups = GROUP_VIEWS + 40;
		for (let k = 0; k < groups; k++)
			sb.sqs.sendMessage({ QueueUrl: url, MessageBody: `g${k}`, MessageGroupId: `g${k}` });
		// A later message of the first group is still drawn in its lane.
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'g0 again', MessageGroupId: 'g0' });
		sb.advanceTime(10);
		// Groups with a message in flight are locked (a receive may take both of g0's messages).
		const lockedGroups = new Set<string>();
		for (let k = 0; k < 3; k++)
			for (const m of sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 }).Messages ?? [])
				lockedGroups.add((m.Body ?? '').split(' ')[0] as string);
		const locked = lockedGroups.size;
		expect(locked).toBeGreaterThan(20);
		const q = model(sb, 'many.fifo');
		expect(q.groupCount).toBe(groups);
		expect(q.groups).toHaveLength(GROUP_VIEWS);
		expect(q.lockedCount).toBe(locked);
		expect(q.groups[0]?.size).toBe(2);
		expect(q.groups[0]?.messages).toHaveLength(2);
		expect(q.counts.visible + q.counts.inflight).toBe(groups + 1);
		const more = geometry(sb, q).labels.find((l) => l.text.includes('more groups'));
		const lanes = 3;
		const lockedShown = q.groups.slice(0, lanes - 1).filter((g) => g.locked).length;
		expect(more?.text).toBe(`+${groups - (lanes - 1)} more groups (${locked - lockedShown} locked)`);
	});
});
