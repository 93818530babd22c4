// What every mark's geometry gets: the time, the stage's metrics, the token radius and the trace-only facts
// (kinds, work, gates) from the dot tracker. And the inner box of a node, below its header.

import type { DotTracker } from '../dots';
import type { LaidOutNode, StageMetrics } from '../layout';
import type { Token } from './tokens';

export interface GeometryContext {
	t: number;
	m: StageMetrics;
	/** Token radius in layout units. */
	r: number;
	dots: DotTracker;
}

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** A text placed by a mark (in layout units), with a tooltip when it was shortened. */
export interface Label {
	x: number;
	y: number;
	text: string;
	anchor?: 'start' | 'middle' | 'end';
	size: 'small' | 'stats';
	tone?: 'muted' | 'bad' | 'ok' | 'warn';
	bold?: boolean;
	/** A small icon before the text. */
	icon?: 'lock';
}

/** What a mark draws: shapes and labels in SVG, tokens on the canvas. */
export interface MarkGeometry {
	tokens: Token[];
	boxes: (Box & { tone?: 'lane' | 'slot' | 'hot' | 'closed' | 'busy' | 'fill' | 'meter'; rx?: number })[];
	labels: Label[];
}

export function emptyGeometry(): MarkGeometry {
	return { tokens: [], boxes: [], labels: [] };
}

/** The part of a node's box below its header (kind, title, stats). */
export function inner(n: LaidOutNode, m: StageMetrics): Box {
	const top = m.statsY + 8;
	return { x: 8, y: top, w: n.width - 16, h: n.height - top - 6 };
}

/** Seconds, short: "12s", "1.5s", "3m". */
export function shortSeconds(ms: number): string {
	const s = Math.max(0, ms) / 1000;
	if (s >= 120) return `${Math.round(s / 60)}m`;
	if (s >= 10) return `${Math.round(s)}s`;
	return `${s.toFixed(1)}s`;
}
