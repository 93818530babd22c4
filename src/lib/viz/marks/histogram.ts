// The seed sweep's histogram as plain data (#17): each run's value of one metric, binned with d3-array, on
// d3-scale axes. Whole-number metrics with a small range get one bar per value (0, 1, 2… duplicates), others
// about a dozen round bins. Each bar keeps its seeds, so the panel can open any run as its seed. Pure: the
// panel renders the bars as SVG rects.

import { bin } from 'd3-array';
import { scaleLinear } from 'd3-scale';

export interface HistogramBar {
	/** The bin's values, from x0 (included) to x1 (excluded; the last bin includes its end). */
	x0: number;
	x1: number;
	/** The runs in the bin, by seed. */
	seeds: number[];
	/** Pixels: left, top, width, height. */
	x: number;
	y: number;
	width: number;
	height: number;
	label: string;
}

export interface Histogram {
	bars: HistogramBar[];
	xTicks: { value: number; x: number; label: string }[];
	yTicks: { value: number; y: number }[];
	/** The plot area. */
	inner: { left: number; top: number; width: number; height: number };
}

const MARGIN = { left: 30, right: 8, top: 8, bottom: 22 };

function formatValue(v: number): string {
	return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 1 : 0);
}

export function histogram(
	values: readonly { seed: number; value: number }[],
	width: number,
	height: number
): Histogram {
	const inner = {
		left: MARGIN.left,
		top: MARGIN.top,
		width: Math.max(10, width - MARGIN.left - MARGIN.right),
		height: Math.max(10, height - MARGIN.top - MARGIN.bottom)
	};
	if (values.length === 0) return { bars: [], xTicks: [], yTicks: [], inner };
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of values) {
		lo = Math.min(lo, v.value);
		hi = Math.max(hi, v.value);
	}
	const whole = values.every((v) => Number.isInteger(v.value));
	// Whole numbers over a short range: a bar per value, centred on it.
	const perValue = whole && hi - lo <= 24;
	const x = perValue
		? scaleLinear()
				.domain([lo - 0.5, hi + 0.5])
				.range([inner.left, inner.left + inner.width])
		: scaleLinear()
				// A span too small to tick (equal values, or subnormal ones such as 5e-324 and 1e-323, where
				// d3's tick step underflows) gets one unit, as equal values do.
				.domain([lo, hi - lo < 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)) ? lo + 1 : hi])
				.nice(12)
				.range([inner.left, inner.left + inner.width]);
	const [d0, d1] = x.domain() as [number, number];
	const thresholds = perValue
		? Array.from({ length: hi - lo }, (_, k) => lo + k + 0.5)
		: x.ticks(12).filter((t) => t > d0 && t < d1);
	const bins = bin<{ seed: number; value: number }, number>()
		.value((v) => v.value)
		.domain([d0, d1])
		.thresholds(thresholds)(values);
	const most = Math.max(1, ...bins.map((b) => b.length));
	const y = scaleLinear()
		.domain([0, most])
		.nice(4)
		.range([inner.top + inner.height, inner.top]);
	const bars: HistogramBar[] = bins
		.filter((b) => b.length > 0)
		.map((b) => {
			const x0 = b.x0 ?? d0;
			const x1 = b.x1 ?? d1;
			const left = x(x0);
			const right = x(x1);
			const top = y(b.length);
			return {
				x0,
				x1,
				seeds: b.map((v) => v.seed).sort((p, q) => p - q),
				x: left + 1,
				y: top,
				width: Math.max(1, right - left - 2),
				height: inner.top + inner.height - top,
				label: perValue ? formatValue(Math.round((x0 + x1) / 2)) : `${formatValue(x0)}–${formatValue(x1)}`
			};
		});
	const xTicks = perValue
		? x
				.ticks(Math.min(hi - lo + 1, 8))
				.filter((t) => Number.isInteger(t))
				.map((t) => ({ value: t, x: x(t), label: String(t) }))
		: x.ticks(6).map((t) => ({ value: t, x: x(t), label: formatValue(t) }));
	const yTicks = y
		.ticks(4)
		.filter((t) => Number.isInteger(t))
		.map((t) => ({ value: t, y: y(t) }));
	return { bars, xTicks, yTicks, inner };
}
