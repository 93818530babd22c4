// Fitting text into a box: measured with the browser's own font metrics (a canvas' measureText), shortened
// with an ellipsis when it does not fit, so no label ever runs out of its box. The full text goes into a
// tooltip. Without a canvas (prerendering, tests) a width estimate stands in.

import { textWidth } from '../metrics';

let ctx: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, string>();

function measure(text: string, px: number, bold: boolean): number {
	if (ctx === undefined)
		ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
	if (!ctx) return textWidth(text, px, bold);
	ctx.font = `${bold ? 600 : 400} ${px}px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
	return ctx.measureText(text).width;
}

/** `text`, or the longest prefix of it plus "…" that fits `width` layout units at `px`. */
export function fitText(text: string, px: number, width: number, bold = false, uppercase = false): string {
	const key = `${text}|${px}|${Math.round(width)}|${bold}|${uppercase}`;
	const hit = cache.get(key);
	if (hit !== undefined) return hit;
	const shown = (s: string) => (uppercase ? s.toUpperCase() : s);
	// Upper-case text with letter spacing measures about 8 % wider than its characters alone.
	const spread = uppercase ? 1.08 : 1;
	let out = text;
	if (measure(shown(text), px, bold) * spread > width) {
		let lo = 0;
		let hi = text.length;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (measure(shown(`${text.slice(0, mid)}…`), px, bold) * spread <= width) lo = mid;
			else hi = mid - 1;
		}
		out = `${text.slice(0, lo).trimEnd()}…`;
	}
	if (cache.size > 5000) cache.clear();
	cache.set(key, out);
	return out;
}
