// A Kinesis stream as lanes, one per shard (SoftwareMill's and Monedula's Kafka pictures): each lane shows the
// shard's newest records numbered 1, 2, 3… in arrival order (the real sequence numbers are huge and not
// consecutive, KIN-3; the tooltip has them), each polling consumer's position as a pointer, a write meter against
// 1 MiB/s and 1,000 records/s (KIN-4) that turns hot at the limit, a flash when a put is throttled, the share of
// the hash-key space the shard owns (KIN-1), and closed parents beside their children after a split or merge
// (KIN-11).

import type { LaidOutNode } from '../layout';
import type { StreamModel } from '../node-models';
import { emptyGeometry, inner, type GeometryContext, type MarkGeometry } from './geometry';

export interface StreamParts {
	/** Per lane: record cells with their ordinal and full sequence number, and reader pointers. */
	cells: { x: number; y: number; w: number; h: number; text: string; title: string; newest: boolean }[];
	pointers: { x: number; y: number; text: string; title: string }[];
	ranges: { x: number; y: number; w: number; from: number; share: number }[];
}

const shardNo = (id: string) => String(Number(id.replace(/^shardId-/, '')));

export function streamGeometry(
	n: LaidOutNode,
	s: StreamModel,
	g: GeometryContext
): MarkGeometry & { stream: StreamParts } {
	const out = { ...emptyGeometry(), stream: { cells: [], pointers: [], ranges: [] } as StreamParts };
	const box = inner(n, g.m);
	const lanes = Math.max(1, n.rows);
	const laneH = Math.min(30, box.h / lanes);
	const labelW = 56;
	const meterW = 44;
	const cellW = 20;
	const cells = Math.max(1, Math.floor((box.w - labelW - meterW - 8) / (cellW + 2)));
	const shown = s.shards.length > lanes ? s.shards.slice(s.shards.length - lanes) : s.shards;
	shown.forEach((sh, k) => {
		const y = box.y + k * laneH;
		const hot = (g.dots.throttledAt(s.id, sh.id) ?? -1e9) > g.t - 500;
		const load = Math.max(sh.writeRecords / 1000, sh.writeBytes / (1024 * 1024));
		out.boxes.push({
			x: box.x,
			y: y + 1,
			w: box.w,
			h: laneH - 2,
			tone: hot ? 'hot' : sh.open ? 'lane' : 'closed',
			rx: 3
		});
		out.labels.push({
			x: box.x + 4,
			y: y + 10,
			text: `shard ${shardNo(sh.id)}${sh.open ? '' : ' closed'}`,
			size: 'small',
			bold: true,
			...(hot ? { tone: 'bad' as const } : sh.open ? {} : { tone: 'muted' as const })
		});
		// KIN-1: the slice of the 128-bit hash-key space this shard owns.
		out.stream.ranges.push({
			x: box.x + 4,
			y: y + laneH - 9,
			w: labelW - 10,
			from: sh.from,
			share: sh.share
		});
		const from = Math.max(0, sh.recent.length - cells);
		const recent = sh.recent.slice(from);
		const x0 = box.x + labelW;
		recent.forEach((rec, j) => {
			out.stream.cells.push({
				x: x0 + j * (cellW + 2),
				y: y + 4,
				w: cellW,
				h: laneH - 12,
				text: String(rec.ordinal % 1000),
				title: `record ${rec.ordinal} of ${sh.id}: sequence number ${rec.seq}`,
				newest: j === recent.length - 1
			});
		});
		if (sh.total === 0)
			out.labels.push({
				x: x0 + 2,
				y: y + laneH / 2 + 3,
				text: sh.open
					? 'no records yet'
					: `→ ${s.shards
							.filter((c) => c.parents.includes(sh.id))
							.map((c) => `shard ${shardNo(c.id)}`)
							.join(', ')}`,
				size: 'small',
				tone: 'muted'
			});
		const firstShown = (recent[0]?.ordinal ?? sh.first + sh.total + 1) - 1;
		for (const reader of sh.readers) {
			if (reader.at === undefined) continue;
			const pos =
				reader.at === 'end' ? recent.length : Math.min(recent.length, Math.max(0, reader.at - firstShown));
			const behind = reader.at === 'end' ? 0 : sh.first + sh.total - reader.at;
			out.stream.pointers.push({
				x: x0 + pos * (cellW + 2) - 1,
				y: y + laneH - 6,
				text:
					reader.at === 'end'
						? `${reader.id} done`
						: behind > 0
							? `${reader.id} ${behind} behind`
							: reader.id,
				title:
					reader.at === 'end'
						? `${reader.id} read ${sh.id} to its end (SHARD_END)`
						: `${reader.id} has processed records up to ${reader.at}; ${behind} left in ${sh.id}`
			});
		}
		// KIN-4: this second's writes against the shard's limit.
		const mx = box.x + box.w - meterW;
		out.boxes.push({ x: mx, y: y + 5, w: meterW - 4, h: laneH - 14, tone: 'meter', rx: 2 });
		out.boxes.push({
			x: mx,
			y: y + 5,
			w: (meterW - 4) * Math.min(1, load),
			h: laneH - 14,
			tone: load >= 0.95 || hot ? 'hot' : 'fill',
			rx: 2
		});
		out.labels.push({
			x: mx + (meterW - 4) / 2,
			y: y + laneH / 2 + 1,
			text: hot ? 'throttled' : `${Math.round(load * 100)}%`,
			size: 'small',
			anchor: 'middle',
			bold: hot,
			...(hot ? { tone: 'bad' as const } : {})
		});
	});
	if (s.shards.length > shown.length)
		out.labels.push({
			x: box.x + box.w - 4,
			y: box.y - 2,
			text: `${s.shards.length - shown.length} older shards not shown`,
			size: 'small',
			anchor: 'end',
			tone: 'muted'
		});
	return out;
}
