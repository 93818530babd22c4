// How a message looks on the stage. Each kind of event a message went through has its own shape and badge,
// not only its own hue (the colours are Okabe and Ito's colour-blind-safe set), so a duplicate, a
// redelivery, a failed attempt, a dead-lettering, a filtered-out delivery and a throttled put can be told
// apart in greyscale and from the back of a room. One table serves the canvas, the SVG legend and the tests.

import type { DotKind } from '../dots';

export type TokenShape = 'circle' | 'cross' | 'square' | 'slashed' | 'triangle' | 'diamond';

export interface KindStyle {
	shape: TokenShape;
	/** Short text beside the token ("2×", "↻"), drawn when there is room. */
	badge?: string;
	/** Its name in the legend and the inspector. */
	label: string;
	light: string;
	dark: string;
}

/** Okabe & Ito (2008): distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
	black: '#000000',
	orange: '#E69F00',
	sky: '#56B4E9',
	green: '#009E73',
	yellow: '#F0E442',
	blue: '#0072B2',
	vermillion: '#D55E00',
	purple: '#CC79A7'
} as const;

export const KIND_STYLE: Record<DotKind, KindStyle> = {
	normal: { shape: 'circle', label: 'message', light: OKABE_ITO.blue, dark: OKABE_ITO.sky },
	duplicate: {
		shape: 'diamond',
		badge: '2×',
		label: 'duplicate delivery',
		light: OKABE_ITO.vermillion,
		dark: '#FF8A4C'
	},
	retry: {
		shape: 'circle',
		badge: '↻',
		label: 'redelivered after its visibility timeout, or retried',
		light: OKABE_ITO.orange,
		dark: OKABE_ITO.orange
	},
	failed: {
		shape: 'cross',
		badge: '✕',
		label: 'failed attempt',
		light: OKABE_ITO.vermillion,
		dark: '#FF8A4C'
	},
	dead: { shape: 'square', badge: 'DLQ', label: 'dead-lettered', light: '#A34A82', dark: OKABE_ITO.purple },
	filtered: { shape: 'slashed', label: 'filtered out', light: '#6B7280', dark: '#9CA3AF' },
	throttled: {
		shape: 'triangle',
		badge: '!',
		label: 'throttled',
		light: '#B8860B',
		dark: OKABE_ITO.yellow
	}
};

/** The order of the legend. */
export const LEGEND_KINDS: DotKind[] = [
	'normal',
	'duplicate',
	'retry',
	'failed',
	'dead',
	'filtered',
	'throttled'
];

/** FIFO message groups: told apart by their lane first; the fill is a second cue (no reds, kept for kinds). */
export const GROUP_COLOURS = ['#0072B2', '#009E73', '#56B4E9', '#E69F00', '#7B8794', '#8C6D1F', '#4C9A8A'];

export function groupColour(group: string): string {
	let h = 0;
	for (let i = 0; i < group.length; i++) h = (h * 31 + group.charCodeAt(i)) >>> 0;
	return GROUP_COLOURS[h % GROUP_COLOURS.length] as string;
}

export function kindColour(kind: DotKind, dark: boolean): string {
	const s = KIND_STYLE[kind];
	return dark ? s.dark : s.light;
}
