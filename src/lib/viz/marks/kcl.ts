// A KCL-style consumer's leases (KIN-14): one row per shard with the worker that holds it and its checkpoint,
// so a failover — another worker taking the lease and replaying from the last checkpoint — shows as the owner
// changing while the checkpoint stays where it was.

import type { LaidOutNode } from '../layout';
import type { KinesisConsumerModel } from '../node-models';
import { emptyGeometry, inner, type GeometryContext, type MarkGeometry } from './geometry';

export function kclGeometry(n: LaidOutNode, c: KinesisConsumerModel, g: GeometryContext): MarkGeometry {
	const out = emptyGeometry();
	const box = inner(n, g.m);
	const rows = Math.max(1, n.rows);
	const rowH = Math.min(16, box.h / rows);
	c.leases.slice(0, rows).forEach((l, k) => {
		const y = box.y + k * rowH;
		const done = l.checkpoint === 'SHARD_END';
		const cp = /^\d+$/.test(l.checkpoint) ? `…${l.checkpoint.slice(-5)}` : l.checkpoint;
		out.labels.push({
			x: box.x + 2,
			y: y + rowH / 2 + 3,
			text: `shard ${Number(l.shard.replace(/^shardId-/, ''))} · worker ${l.owner + 1} · ${done ? 'done' : `at ${cp}`}`,
			size: 'small',
			...(done ? { tone: 'muted' as const } : {})
		});
	});
	if (c.leases.length === 0)
		out.labels.push({ x: box.x + 2, y: box.y + 10, text: 'no leases yet', size: 'small', tone: 'muted' });
	return out;
}
