// Message tokens on the stage's canvas: every message the stage shows — resting in a queue's section or a FIFO
// lane, processed at a worker, parked at a retry, flying along an edge — is one token with a shape and badge
// for its kind (palette.ts), a fill (its FIFO group, or its kind), and optionally a countdown ring (its
// visibility timeout or the wait before the next attempt), a label under it ("12s") and a number in it (its
// place in its group). Drawing is batched per style; past a few hundred tokens the discs are stamped into
// pixels and the badges and labels are left out (level of detail), which keeps frames within budget.

import type { DotKind } from '../dots';
import { KIND_STYLE, kindColour } from './palette';

export interface Token {
	key: string;
	msg: string;
	origin: string;
	/** Where the token is, in layout units. */
	x: number;
	y: number;
	/** Radius in layout units. */
	r: number;
	kind: DotKind;
	/** What the message is doing ("visible", "in flight", "processing by workers #2", "flying to orders"…). */
	state: string;
	node: string;
	group?: string;
	/** A fill other than the kind's own (a FIFO group's colour). */
	fill?: string;
	/** Share of a countdown left, 0–1 (drawn as a ring). */
	ring?: number;
	/** Text under the token (e.g. seconds left). */
	label?: string;
	/** Text inside the token (e.g. its order in its FIFO group). */
	inner?: string;
	/** A stray copy (SQS-STD-1): a dashed outline. */
	ghost?: boolean;
	/** The message holds up its FIFO group (SQS-FIFO-5). */
	blocking?: boolean;
	moving: boolean;
	receivedAt?: number;
	visibleAt?: number;
}

/** Above this many tokens, discs are stamped into pixels; badges and labels are drawn only below BADGES_BELOW. */
export const STAMP_ABOVE = 400;
export const BADGES_BELOW = 300;

export interface DrawOptions {
	/** The view's zoom (layout units to CSS px) and the device pixel ratio. */
	k: number;
	ratio: number;
	tx: number;
	ty: number;
	dark: boolean;
	/** The token of the selected message, drawn with a thick outline. */
	selected?: string;
	/** Colours from the theme. */
	ink: string;
	bg: string;
}

function fillOf(t: Token, dark: boolean): string {
	return t.fill ?? kindColour(t.kind, dark);
}

function path(ctx: CanvasRenderingContext2D, t: Token, r = t.r): void {
	const { x, y } = t;
	switch (KIND_STYLE[t.kind].shape) {
		case 'square':
			ctx.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
			break;
		case 'diamond':
			ctx.moveTo(x, y - r * 1.2);
			ctx.lineTo(x + r * 1.2, y);
			ctx.lineTo(x, y + r * 1.2);
			ctx.lineTo(x - r * 1.2, y);
			ctx.closePath();
			break;
		case 'triangle':
			ctx.moveTo(x, y - r * 1.25);
			ctx.lineTo(x + r * 1.15, y + r * 0.85);
			ctx.lineTo(x - r * 1.15, y + r * 0.85);
			ctx.closePath();
			break;
		default:
			ctx.moveTo(x + r, y);
			ctx.arc(x, y, r, 0, Math.PI * 2);
	}
}

/** Draw every token: fills (or stamps), outlines, rings, crosses, badges and labels. */
export function drawTokens(ctx: CanvasRenderingContext2D, tokens: readonly Token[], o: DrawOptions): void {
	const many = tokens.length > STAMP_ABOVE;
	const detail = tokens.length < BADGES_BELOW;
	// Fills, batched by colour (crosses and slashed circles are strokes, drawn below).
	const fills = new Map<string, Token[]>();
	const strokes = new Map<string, Token[]>();
	for (const t of tokens) {
		const shape = KIND_STYLE[t.kind].shape;
		const colour = fillOf(t, o.dark);
		const into = shape === 'cross' || shape === 'slashed' ? strokes : fills;
		let list = into.get(colour);
		if (!list) into.set(colour, (list = []));
		list.push(t);
	}
	if (many) stamp(ctx, fills, o);
	else {
		for (const [colour, list] of fills) {
			ctx.beginPath();
			for (const t of list) path(ctx, t);
			ctx.fillStyle = colour;
			ctx.fill();
		}
	}
	// Crosses (failed) and slashed circles (filtered out).
	for (const [colour, list] of strokes) {
		ctx.beginPath();
		for (const t of list) {
			const r = t.r;
			if (KIND_STYLE[t.kind].shape === 'cross') {
				ctx.moveTo(t.x - r, t.y - r);
				ctx.lineTo(t.x + r, t.y + r);
				ctx.moveTo(t.x + r, t.y - r);
				ctx.lineTo(t.x - r, t.y + r);
			} else {
				ctx.moveTo(t.x + r, t.y);
				ctx.arc(t.x, t.y, r, 0, Math.PI * 2);
				ctx.moveTo(t.x - r * 0.7, t.y + r * 0.7);
				ctx.lineTo(t.x + r * 0.7, t.y - r * 0.7);
			}
		}
		ctx.lineWidth = Math.max(1.2, tokens[0] ? (list[0]?.r ?? 4) * 0.42 : 2);
		ctx.lineCap = 'round';
		ctx.strokeStyle = colour;
		ctx.stroke();
	}
	// A FIFO token's kind still shows: an outline in the kind's colour around the group's fill.
	const outlined = tokens.filter((t) => t.fill !== undefined && t.kind !== 'normal');
	if (outlined.length > 0 && !many) {
		for (const t of outlined) {
			ctx.beginPath();
			path(ctx, t, t.r + 1.5);
			ctx.lineWidth = 1.6;
			ctx.strokeStyle = kindColour(t.kind, o.dark);
			ctx.stroke();
		}
	}
	// Stray copies: a dashed outline.
	const ghosts = tokens.filter((t) => t.ghost);
	if (ghosts.length > 0) {
		ctx.beginPath();
		for (const t of ghosts) path(ctx, t, t.r + 2.2);
		ctx.setLineDash([2, 1.6]);
		ctx.lineWidth = 1.2;
		ctx.strokeStyle = o.ink;
		ctx.stroke();
		ctx.setLineDash([]);
	}
	// Countdown rings: the arc left is the time left (a visibility timeout, a retry's wait).
	const rings = tokens.filter((t) => t.ring !== undefined && !t.moving);
	if (rings.length > 0) {
		ctx.beginPath();
		for (const t of rings) {
			const r = t.r + 3;
			ctx.moveTo(t.x, t.y - r);
			ctx.arc(
				t.x,
				t.y,
				r,
				-Math.PI / 2,
				-Math.PI / 2 + Math.max(0, Math.min(1, t.ring as number)) * Math.PI * 2
			);
		}
		ctx.lineWidth = 2;
		ctx.strokeStyle = o.ink;
		ctx.stroke();
	}
	// The message blocking its FIFO group, and the selected message: thick outlines.
	for (const t of tokens) {
		if (!t.blocking && t.msg !== o.selected) continue;
		ctx.beginPath();
		path(ctx, t, t.r + (t.ring !== undefined ? 5.5 : 3.5));
		ctx.lineWidth = t.msg === o.selected ? 2.6 : 1.8;
		ctx.strokeStyle = t.msg === o.selected ? o.ink : kindColour('failed', o.dark);
		ctx.stroke();
	}
	if (!detail) return;
	// Badges, inner numbers and labels, with a halo so they read over edges and boxes.
	ctx.textBaseline = 'middle';
	ctx.lineJoin = 'round';
	for (const t of tokens) {
		const badge = KIND_STYLE[t.kind].badge;
		if (badge && t.kind !== 'failed') {
			text(
				ctx,
				badge,
				t.x + t.r * 1.05,
				t.y - t.r * 1.15,
				Math.max(6, t.r * 1.25),
				'left',
				kindColour(t.kind, o.dark),
				o.bg,
				true
			);
		}
		if (t.inner !== undefined && t.r >= 4.5) {
			ctx.font = `600 ${(t.r * 1.15).toFixed(1)}px system-ui, sans-serif`;
			ctx.textAlign = 'center';
			ctx.fillStyle = '#ffffff';
			ctx.fillText(t.inner, t.x, t.y + 0.3);
		}
		if (t.label !== undefined)
			text(ctx, t.label, t.x, t.y + t.r + 7.5, Math.max(6, t.r * 1.2), 'center', o.ink, o.bg, false);
	}
}

function text(
	ctx: CanvasRenderingContext2D,
	s: string,
	x: number,
	y: number,
	px: number,
	align: CanvasTextAlign,
	colour: string,
	halo: string,
	bold: boolean
): void {
	ctx.font = `${bold ? '700 ' : ''}${px.toFixed(1)}px system-ui, sans-serif`;
	ctx.textAlign = align;
	ctx.lineWidth = 2.5;
	ctx.strokeStyle = halo;
	ctx.strokeText(s, x, y);
	ctx.fillStyle = colour;
	ctx.fillText(s, x, y);
}

// Stamping: thousands of discs written straight into the canvas's pixels (one putImageData), several times
// cheaper than filling paths where the canvas is rasterised in software. Same colours and sizes, no
// anti-aliasing; shapes other than the disc keep their outline pass above.
let image: ImageData | undefined;
/** Per radius: each row of the disc as (offset of its first pixel from the centre's row, width). */
const spans = new Map<number, Int32Array>();

export function discSpans(r: number): Int32Array {
	let rows = spans.get(r);
	if (!rows) {
		rows = new Int32Array(2 * (2 * r + 1));
		for (let dy = -r, k = 0; dy <= r; dy++, k += 2) {
			let half = 0;
			while ((half + 1) * (half + 1) + dy * dy <= r * r + r * 0.8) half++;
			rows[k] = -half;
			rows[k + 1] = 2 * half + 1;
		}
		spans.set(r, rows);
	}
	return rows;
}

function pixel(colour: string): number {
	const n = parseInt(colour.slice(1), 16);
	return ((255 << 24) | ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff)) >>> 0;
}

function stamp(ctx: CanvasRenderingContext2D, fills: Map<string, Token[]>, o: DrawOptions): void {
	const w = ctx.canvas.width;
	const h = ctx.canvas.height;
	if (!image || image.width !== w || image.height !== h) image = ctx.createImageData(w, h);
	const buf = new Uint32Array(image.data.buffer);
	buf.fill(0);
	const k = o.k * o.ratio;
	const tx = o.tx * o.ratio;
	const ty = o.ty * o.ratio;
	let lastR = -1;
	let rows = discSpans(1);
	for (const [colour, list] of fills) {
		const px = pixel(colour);
		for (const t of list) {
			const r = Math.max(1, Math.round(t.r * k));
			const cx = Math.round(t.x * k + tx);
			const cy = Math.round(t.y * k + ty);
			if (cx < r || cy < r || cx >= w - r || cy >= h - r) continue;
			if (r !== lastR) {
				rows = discSpans(r);
				lastR = r;
			}
			// Row by row, each a run of pixels (the discs are mostly one size: the spans are looked up once).
			let p = (cy - r) * w + cx;
			for (let i = 0; i < rows.length; i += 2, p += w) {
				let q = p + (rows[i] as number);
				const end = q + (rows[i + 1] as number);
				while (q < end) buf[q++] = px;
			}
		}
	}
	// putImageData ignores the transform; the stamped layer goes under everything drawn after it.
	ctx.putImageData(image, 0, 0);
}
