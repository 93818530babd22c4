// A queue you can see into. A standard queue shows its messages in three sections — in flight (each with its
// visibility timer as a ring and its receive count inside; SQS-STD-4, -7), visible, delayed (SQS-STD-8) —
// so a message that comes back after its visibility timeout is seen returning while its first worker may
// still hold it, a stray copy that missed a delete waits with a dashed outline (SQS-STD-1), and a DLQ fills.
// A FIFO queue shows one lane per message group with each message's place in the group, a lock on a group
// with a message in flight and its first in-flight message outlined as the one blocking the messages after
// it; a visible message ahead of it says it can be received first (SQS-FIFO-2, -5: the lock is positional).

import type { LaidOutNode } from '../layout';
import type { QueueMessageView, QueueModel, Section } from '../node-models';
import { emptyGeometry, inner, shortSeconds, type GeometryContext, type MarkGeometry } from './geometry';
import { groupColour } from './palette';
import type { Token } from './tokens';

const SECTIONS: { id: Section; label: string }[] = [
	{ id: 'inflight', label: 'in flight' },
	{ id: 'visible', label: 'visible' },
	{ id: 'delayed', label: 'delayed' }
];

function token(
	q: QueueModel,
	n: LaidOutNode,
	m: QueueMessageView,
	x: number,
	y: number,
	g: GeometryContext
): Token {
	const kind = g.dots.kindOf(q.id, m.msg);
	const inflight = m.section === 'inflight';
	const left = m.visibleAt - g.t;
	const state = inflight
		? `in flight in ${n.label}: visible again in ${shortSeconds(left)} (received ${m.receiveCount}×)`
		: m.section === 'delayed'
			? `delayed in ${n.label}: visible in ${shortSeconds(left)}`
			: m.copy
				? `a stray copy in ${n.label} that missed a delete (SQS-STD-1)`
				: `visible in ${n.label}`;
	return {
		key: `${q.id}|${m.key}`,
		msg: m.msg,
		origin: m.origin,
		x: n.x + x,
		y: n.y + y,
		r: g.r,
		kind,
		state,
		node: q.id,
		moving: false,
		...(m.group !== undefined ? { group: m.group, fill: groupColour(m.group) } : {}),
		...(inflight
			? {
					ring: m.receivedAt !== undefined ? left / Math.max(1, m.visibleAt - m.receivedAt) : 1,
					label: shortSeconds(left),
					inner: String(m.receiveCount),
					receivedAt: m.receivedAt,
					visibleAt: m.visibleAt
				}
			: m.section === 'delayed'
				? { visibleAt: m.visibleAt }
				: {}),
		...(m.copy ? { ghost: true } : {})
	};
}

/** 1st, 2nd, 3rd, 4th … */
function ordinal(n: number): string {
	const tens = n % 100;
	const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}

export function queueGeometry(n: LaidOutNode, q: QueueModel, g: GeometryContext): MarkGeometry {
	return q.fifo ? fifoLanes(n, q, g) : sections(n, q, g);
}

function sections(n: LaidOutNode, q: QueueModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const labelW = 58;
	const pitch = 2 * g.r + 4;
	const pitchIn = 2 * g.r + 12;
	const heights: Record<Section, number> = { inflight: 2 * g.r + 16, visible: 2 * pitch, delayed: pitch };
	const total = heights.inflight + heights.visible + heights.delayed;
	const gap = Math.max(2, (box.h - total) / 3);
	let y = box.y;
	const bySection = new Map<Section, QueueMessageView[]>(SECTIONS.map((s) => [s.id, []]));
	for (const m of q.messages) bySection.get(m.section)?.push(m);
	for (const s of SECTIONS) {
		const h = heights[s.id];
		out.boxes.push({ x: box.x, y, w: box.w, h, tone: 'lane', rx: 4 });
		out.labels.push({
			x: box.x + 4,
			y: y + Math.min(h / 2, 11),
			text: s.label,
			size: 'small',
			tone: 'muted'
		});
		out.labels.push({
			x: box.x + 4,
			y: y + Math.min(h / 2, 11) + 10,
			text: String(q.counts[s.id]),
			size: 'small',
			bold: true
		});
		const list = bySection.get(s.id) ?? [];
		const step = s.id === 'inflight' ? pitchIn : pitch;
		const perRow = Math.max(1, Math.floor((box.w - labelW - 4) / step));
		const rows = s.id === 'visible' ? 2 : 1;
		// The model keeps the first few hundred of a section; counts has them all.
		const total = q.counts[s.id];
		// Past what fits, the last slots of the last row give way to the `+N` (as many as its digits need).
		const fits = perRow * rows;
		const plusW = (String(total - fits + 1).length + 1) * 6 + 2;
		const room = total > fits ? Math.max(0, fits - Math.ceil(plusW / step)) : fits;
		list.slice(0, room).forEach((m, k) => {
			const col = k % perRow;
			const row = Math.floor(k / perRow);
			const cx = box.x + labelW + step / 2 + col * step;
			const cy = s.id === 'inflight' ? y + g.r + 5 : y + pitch / 2 + row * pitch;
			out.tokens.push(token(q, n, m, cx, cy, g));
		});
		if (total > room)
			out.labels.push({
				x: box.x + box.w - 4,
				y: y + (s.id === 'inflight' ? g.r + 6 : pitch / 2 + (rows - 1) * pitch) + 3,
				text: `+${total - room}`,
				size: 'small',
				anchor: 'end',
				bold: true
			});
		y += h + gap;
	}
	return out;
}

function fifoLanes(n: LaidOutNode, q: QueueModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const lanes = Math.max(1, n.rows);
	const laneH = Math.max(2 * g.r + 8, Math.min(26, box.h / lanes));
	const labelW = 74;
	const step = 2 * g.r + 10;
	const perLane = Math.max(1, Math.floor((box.w - labelW - 6) / step));
	const groups = q.groups;
	const shown = q.groupCount > lanes ? groups.slice(0, lanes - 1) : groups;
	shown.forEach((grp, k) => {
		const y = box.y + k * laneH;
		out.boxes.push({ x: box.x, y: y + 1, w: box.w, h: laneH - 2, tone: grp.locked ? 'hot' : 'lane', rx: 4 });
		out.labels.push({
			x: box.x + 4,
			y: y + laneH / 2 + 3,
			// SQS-FIFO-12: the group the next receive serves first is marked.
			text: grp.next === 1 ? `▶ ${grp.id}` : grp.id,
			size: 'small',
			bold: grp.locked || grp.next === 1,
			...(grp.locked ? { tone: 'warn' as const, icon: 'lock' as const } : {})
		});
		const room =
			grp.size > perLane
				? Math.max(0, perLane - Math.ceil(((String(grp.size - perLane + 1).length + 1) * 6 + 2) / step))
				: perLane;
		const at = grp.messages.findIndex((m) => m.msg === grp.blocking);
		grp.messages.slice(0, room).forEach((m, j) => {
			const t = token(q, n, m, box.x + labelW + step / 2 + j * step, y + laneH / 2, g);
			t.inner = String(m.order ?? j + 1);
			if (m.msg === grp.blocking) {
				t.blocking = true;
				t.state = `blocking group ${grp.id}: ${t.state} (SQS-FIFO-5)`;
			} else if (grp.locked && at >= 0 && j < at && m.section === 'visible')
				t.state = `visible ahead of group ${grp.id}'s message in flight: it can be received first (SQS-FIFO-5)`;
			else if (grp.locked && at >= 0 && j > at && m.section !== 'inflight')
				t.state = `waiting behind group ${grp.id}'s message in flight (SQS-FIFO-5)`;
			if (grp.next !== undefined && m === grp.messages.find((x) => x.section === 'visible'))
				t.state += `; its group is ${ordinal(grp.next)} in line for the next receive (SQS-FIFO-12)`;
			out.tokens.push(t);
		});
		if (grp.size > room)
			out.labels.push({
				x: box.x + box.w - 4,
				y: y + laneH / 2 + 3,
				text: `+${grp.size - room}`,
				size: 'small',
				anchor: 'end',
				bold: true
			});
	});
	if (q.groupCount > shown.length) {
		const y = box.y + shown.length * laneH;
		const lockedShown = shown.filter((x) => x.locked).length;
		out.labels.push({
			x: box.x + 4,
			y: y + laneH / 2 + 3,
			text: `+${q.groupCount - shown.length} more groups (${q.lockedCount - lockedShown} locked)`,
			size: 'small',
			tone: 'muted'
		});
	}
	if (q.groupCount === 0)
		out.labels.push({
			x: box.x + 4,
			y: box.y + laneH / 2 + 3,
			text: 'no messages: one lane per message group',
			size: 'small',
			tone: 'muted'
		});
	return out;
}
