// The sequence diagram's swimlanes: each lane is as wide as its label needs, the label wrapped at natural
// breaks (- _ . / : and spaces) into a few lines, and never shortened — so no lane name is clipped. Text is
// measured by a function the caller passes (the browser's font metrics, or an estimate without a canvas).

export type Measure = (text: string) => number;

/** `text` in lines no wider than `maxW`, broken after - _ . / : or a space; a longer run is cut hard. */
export function wrapLabel(text: string, maxW: number, measure: Measure): string[] {
	const parts = text.match(/[^-_./: ]+[-_./: ]*|[-_./: ]+/g) ?? [text];
	const lines: string[] = [];
	let cur = '';
	const pushHard = (word: string) => {
		// A run with no break that is wider than a line: as many characters per line as fit.
		let rest = word;
		while (measure(rest) > maxW && rest.length > 1) {
			let n = rest.length - 1;
			while (n > 1 && measure(rest.slice(0, n)) > maxW) n--;
			lines.push(rest.slice(0, n));
			rest = rest.slice(n);
		}
		return rest;
	};
	for (const p of parts) {
		if (measure(cur + p) <= maxW || cur === '') {
			cur = measure(cur + p) <= maxW ? cur + p : pushHard(cur + p);
		} else {
			lines.push(cur.trimEnd());
			cur = measure(p) <= maxW ? p : pushHard(p);
		}
	}
	if (cur !== '') lines.push(cur.trimEnd());
	return lines.length > 0 ? lines : [text];
}

export interface LaneLayout {
	/** Each lane's centre. */
	x: number[];
	/** Each lane's label lines. */
	lines: string[][];
	/** The diagram's width: the lanes' widths plus the margins, at least `minWidth`. */
	width: number;
	/** Room for the labels above the lanes (the most lines × the line height, plus a gap). */
	header: number;
}

export interface LaneOptions {
	/** The widest a label line may be before it wraps. */
	maxLabelW: number;
	/** The narrowest a lane is. */
	minLaneW: number;
	/** Space between two lanes' labels. */
	gap: number;
	/** The least width of the whole diagram (lanes spread out to fill it). */
	minWidth: number;
	lineHeight: number;
	margin: number;
}

/** Lanes side by side, each as wide as its (wrapped) label, spread to fill `minWidth`. */
export function layoutLanes(labels: string[], o: LaneOptions, measure: Measure): LaneLayout {
	const lines = labels.map((l) => wrapLabel(l, o.maxLabelW, measure));
	const widths = lines.map((ls) => Math.max(o.minLaneW, ...ls.map((l) => Math.ceil(measure(l)) + o.gap)));
	const sum = widths.reduce((a, b) => a + b, 0);
	const spare = Math.max(0, o.minWidth - 2 * o.margin - sum);
	const extra = widths.length > 0 ? spare / widths.length : 0;
	const x: number[] = [];
	let at = o.margin;
	for (const w of widths) {
		x.push(at + (w + extra) / 2);
		at += w + extra;
	}
	const most = Math.max(1, ...lines.map((l) => l.length));
	return { x, lines, width: Math.max(o.minWidth, at + o.margin), header: most * o.lineHeight + 6 };
}
