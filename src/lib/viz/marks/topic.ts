// A topic: deliveries that failed and wait for their next attempt are parked here, each with a ring for the
// wait left and its attempt number, and the retry phase of the first one spelled out (SNS-RETRY-2/-4). The
// filter decision of each subscription is drawn on its edge (gate.ts).

import type { LaidOutNode } from '../layout';
import type { TopicModel } from '../node-models';
import { emptyGeometry, inner, shortSeconds, type GeometryContext, type MarkGeometry } from './geometry';

export function topicGeometry(n: LaidOutNode, topic: TopicModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	out.boxes.push({ x: box.x, y: box.y, w: box.w, h: box.h, tone: 'lane', rx: 4 });
	const waiting = topic.retrying.filter((d) => d.nextAttemptAt !== undefined && d.nextAttemptAt > g.t);
	const first = waiting[0];
	out.labels.push({
		x: box.x + 4,
		y: box.y + 10,
		text: first
			? `retry ${first.attempts} · ${first.phase ?? ''} · next in ${shortSeconds((first.nextAttemptAt ?? g.t) - g.t)}`
			: 'no delivery waiting for a retry',
		size: 'small',
		tone: first ? 'warn' : 'muted'
	});
	const step = 2 * g.r + 12;
	const perRow = Math.max(1, Math.floor((box.w - 8) / step));
	const room = waiting.length > perRow ? perRow - 1 : perRow;
	waiting.slice(0, room).forEach((d, k) => {
		const next = d.nextAttemptAt ?? g.t;
		const from = d.waitFrom ?? g.t;
		out.tokens.push({
			key: `${topic.id}|retry|${d.id}`,
			msg: d.msg,
			origin: d.msg,
			x: n.x + box.x + step / 2 + k * step,
			y: n.y + box.y + 17 + g.r + 2,
			r: g.r,
			kind: 'retry',
			state: `waiting to retry delivery to ${d.endpoint}: attempt ${d.attempts + 1} in ${shortSeconds(next - g.t)} (${d.phase ?? 'retry'}; last: ${d.lastError ?? 'error'})`,
			node: topic.id,
			moving: false,
			ring: (next - g.t) / Math.max(1, next - from),
			inner: String(d.attempts),
			label: shortSeconds(next - g.t)
		});
	});
	if (waiting.length > room)
		out.labels.push({
			x: box.x + box.w - 4,
			y: box.y + 16 + g.r + 5,
			text: `+${waiting.length - room}`,
			size: 'small',
			anchor: 'end',
			bold: true
		});
	return out;
}
