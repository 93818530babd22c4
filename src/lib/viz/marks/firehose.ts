// A Firehose delivery stream's buffer filling toward its two limits, size and interval, whichever comes first
// (FH-1), and the objects it wrote to its S3-like sink (FH-5), drawn as a node of their own.

import type { LaidOutNode } from '../layout';
import type { FirehoseModel } from '../node-models';
import { emptyGeometry, inner, shortSeconds, type GeometryContext, type MarkGeometry } from './geometry';

const mib = (b: number) => (b / (1024 * 1024)).toFixed(b < 1024 * 1024 ? 2 : 1);

export function firehoseGeometry(n: LaidOutNode, f: FirehoseModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const rowH = Math.min(24, box.h / 2);
	const size = f.bytes / Math.max(1, f.sizeBytes);
	const waited = f.since !== undefined ? g.t - f.since : 0;
	const interval = f.intervalMs > 0 ? waited / f.intervalMs : 0;
	const rows: [string, number, string][] = [
		['size', size, `${mib(f.bytes)} of ${mib(f.sizeBytes)} MiB · ${f.records} records`],
		[
			'interval',
			interval,
			f.since !== undefined
				? `${shortSeconds(waited)} of ${shortSeconds(f.intervalMs)}`
				: 'starts with the next record'
		]
	];
	rows.forEach(([name, fill, text], k) => {
		const y = box.y + k * rowH;
		out.labels.push({ x: box.x + 2, y: y + rowH / 2 + 3, text: name, size: 'small', tone: 'muted' });
		const x = box.x + 50;
		const w = box.w - 52;
		out.boxes.push({ x, y: y + 3, w, h: rowH - 6, tone: 'meter', rx: 3 });
		out.boxes.push({
			x,
			y: y + 3,
			w: w * Math.min(1, fill),
			h: rowH - 6,
			tone: fill >= 0.95 ? 'hot' : 'fill',
			rx: 3
		});
		out.labels.push({ x: x + 4, y: y + rowH / 2 + 3, text, size: 'small' });
	});
	return out;
}

/** The S3-like sink the stage adds for a Firehose: its newest objects with their UTC prefixes (FH-5). */
export function sinkGeometry(n: LaidOutNode, f: FirehoseModel | undefined, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const objects = f?.objects ?? [];
	const rows = Math.max(1, Math.floor(box.h / 13));
	objects
		.slice(-rows)
		.reverse()
		.forEach((o, k) => {
			out.labels.push({
				x: box.x + 2,
				y: box.y + 9 + k * 13,
				text: `${o.key} (${o.records})`,
				size: 'small',
				bold: k === 0
			});
		});
	if (objects.length === 0)
		out.labels.push({ x: box.x + 2, y: box.y + 9, text: 'no objects yet', size: 'small', tone: 'muted' });
	return out;
}
