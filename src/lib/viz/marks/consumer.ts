// A consumer's workers as slots: each shows whether it polls, waits or processes, and the message in hand
// with a ring for the processing time left. A message whose visibility timeout ran out while its worker still
// processes it is then drawn twice — here, and back in its queue — which is the overlap that makes a
// duplicate (SQS-STD-4).

import type { LaidOutNode } from '../layout';
import type { ConsumerModel } from '../node-models';
import { emptyGeometry, inner, shortSeconds, type GeometryContext, type MarkGeometry } from './geometry';

const PER_ROW = 5;

export function consumerGeometry(n: LaidOutNode, c: ConsumerModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const rows = Math.max(1, n.rows);
	const gap = 4;
	const w = (box.w - gap * (PER_ROW - 1)) / PER_ROW;
	const h = Math.min(32, (box.h - gap * (rows - 1)) / rows);
	const cells = rows * PER_ROW;
	const shown = c.workers.length > cells ? c.workers.slice(0, cells - 1) : c.workers;
	shown.forEach((wk, k) => {
		const x = box.x + (k % PER_ROW) * (w + gap);
		const y = box.y + Math.floor(k / PER_ROW) * (h + gap);
		const busy = wk.status === 'processing';
		out.boxes.push({ x, y, w, h, tone: busy ? 'busy' : 'slot', rx: 4 });
		out.labels.push({ x: x + 3, y: y + 8, text: `#${k + 1}`, size: 'small', tone: 'muted' });
		if (!busy) {
			out.labels.push({
				x: x + w / 2,
				y: y + h - 5,
				text: wk.status === 'polling' ? 'poll' : wk.status === 'stopped' ? 'down' : 'idle',
				size: 'small',
				anchor: 'middle',
				tone: 'muted'
			});
			return;
		}
		if (wk.msg === undefined) return;
		const start = wk.startedAt ?? g.t;
		const until = wk.until ?? g.t;
		out.tokens.push({
			key: `${c.id}|work|${k}`,
			msg: wk.msg,
			origin: wk.origin ?? wk.msg,
			x: n.x + x + w / 2 + 3,
			y: n.y + y + h / 2 + 2,
			r: g.r,
			kind: wk.queue !== undefined ? g.dots.kindOf(wk.queue, wk.msg) : 'normal',
			state: `processing by ${wk.name}: ${shortSeconds(until - g.t)} left`,
			node: c.id,
			moving: false,
			ring: (until - g.t) / Math.max(1, until - start)
		});
	});
	if (c.workers.length > shown.length) {
		const k = shown.length;
		out.labels.push({
			x: box.x + (k % PER_ROW) * (w + gap) + w / 2,
			y: box.y + Math.floor(k / PER_ROW) * (h + gap) + h / 2 + 3,
			text: `+${c.workers.length - shown.length}`,
			size: 'small',
			anchor: 'middle',
			bold: true
		});
	}
	return out;
}
