// A Lambda event-source mapping as execution slots: per shard (and parallelization slot, ESM-KIN-2) or per
// poller (ESM-SQS-5), the batch being invoked — how many records, its attempt, and whether it is half of a
// bisected batch (ESM-KIN-4: the bar splits in two) — and the batches waiting behind it (ESM-KIN-3).

import type { LaidOutNode } from '../layout';
import type { LambdaModel } from '../node-models';
import { emptyGeometry, inner, type GeometryContext, type MarkGeometry } from './geometry';

/** `1 message`, `3 messages`. */
function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function lambdaGeometry(n: LaidOutNode, l: LambdaModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const rows = Math.max(1, n.rows);
	const rowH = Math.min(20, box.h / rows);
	const nameW = 74;
	const slots = l.slots.slice(0, rows);
	const biggest = Math.max(1, ...l.slots.map((s) => s.size));
	slots.forEach((s, k) => {
		const y = box.y + k * rowH;
		out.labels.push({
			x: box.x + 2,
			y: y + rowH / 2 + 3,
			text: s.name,
			size: 'small',
			tone: s.busy ? undefined : 'muted'
		});
		const x = box.x + nameW;
		const w = box.w - nameW - 2;
		out.boxes.push({ x, y: y + 3, w, h: rowH - 6, tone: 'slot', rx: 3 });
		if (s.size > 0) {
			const full = Math.max(10, (w * s.size) / biggest);
			if (s.bisected) {
				// ESM-KIN-4: half of a batch that failed, retried on its own.
				out.boxes.push({ x, y: y + 3, w: full / 2 - 2, h: rowH - 6, tone: s.busy ? 'busy' : 'fill', rx: 3 });
				out.boxes.push({
					x: x + full / 2 + 2,
					y: y + 3,
					w: full / 2 - 2,
					h: rowH - 6,
					tone: 'closed',
					rx: 3
				});
			} else out.boxes.push({ x, y: y + 3, w: full, h: rowH - 6, tone: s.busy ? 'busy' : 'fill', rx: 3 });
			out.labels.push({
				x: x + 4,
				y: y + rowH / 2 + 3,
				text: `${plural(s.size, l.source === 'kinesis' ? 'record' : 'message')}${s.attempts > 1 ? ` · try ${s.attempts}` : ''}${s.bisected ? ' · bisected' : ''}${s.waiting > 0 ? ` · +${s.waiting} waiting` : ''}`,
				size: 'small',
				bold: s.attempts > 1,
				...(s.attempts > 1 ? { tone: 'warn' as const } : {})
			});
		} else
			out.labels.push({
				x: x + 4,
				y: y + rowH / 2 + 3,
				text: s.busy ? 'invoking' : 'waiting for records',
				size: 'small',
				tone: 'muted'
			});
	});
	if (l.slots.length > rows)
		out.labels.push({
			x: box.x + box.w - 2,
			y: box.y + rows * rowH + 2,
			text: `+${l.slots.length - rows} slots`,
			size: 'small',
			anchor: 'end',
			tone: 'muted'
		});
	if (l.slots.length === 0)
		out.labels.push({ x: box.x + 2, y: box.y + 12, text: 'no pollers yet', size: 'small', tone: 'muted' });
	return out;
}
