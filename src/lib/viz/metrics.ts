// The stage's sizes in layout units, for normal and presenter mode (no imports: the page's first load uses it).

/**
 * Sizes of the stage in layout units. The stage fits the layout to its box, so what decides how large text
 * looks on screen is its size relative to the boxes and gaps: presenter mode has larger text and tighter rows
 * for a projector at the back of a room.
 */
export interface StageMetrics {
	name: 'normal' | 'presenter' | 'phone';
	/** The flow runs top to bottom (a phone's narrow stage) instead of left to right. */
	vertical: boolean;
	/** Font sizes: the node kind above the title, the title, the stats line. */
	kindPx: number;
	titlePx: number;
	statsPx: number;
	/** Baselines of the three lines inside a node box, and the text's left padding. */
	kindY: number;
	titleY: number;
	statsY: number;
	padX: number;
	/** Node boxes are this much wider and taller than the normal sizes. */
	widthScale: number;
	heightScale: number;
	/** From one step of the flow to the next (left to right, or top to bottom when vertical). */
	columnGap: number;
	/** Between nodes at the same step. */
	rowGap: number;
	/** The most the stage magnifies when it fits the layout to its box. */
	maxFit: number;
}

export const NORMAL_METRICS: StageMetrics = {
	name: 'normal',
	vertical: false,
	kindPx: 9.5,
	titlePx: 13.5,
	statsPx: 10.5,
	kindY: 15,
	titleY: 32,
	statsY: 48,
	padX: 8,
	widthScale: 1,
	heightScale: 1,
	columnGap: 200,
	rowGap: 30,
	maxFit: 1.6
};

export const PRESENTER_METRICS: StageMetrics = {
	name: 'presenter',
	vertical: false,
	kindPx: 10.5,
	titlePx: 26.5,
	statsPx: 12.5,
	kindY: 15,
	titleY: 40,
	statsY: 56,
	padX: 8,
	widthScale: 1.12,
	heightScale: 1.1,
	columnGap: 150,
	rowGap: 20,
	maxFit: 2.6
};

/** A phone: the flow top to bottom, so a topology several steps long fits a narrow stage at a readable size. */
export const PHONE_METRICS: StageMetrics = {
	name: 'phone',
	vertical: true,
	kindPx: 9.5,
	titlePx: 13,
	statsPx: 10,
	kindY: 15,
	titleY: 31,
	statsY: 46,
	padX: 8,
	widthScale: 0.9,
	heightScale: 0.92,
	columnGap: 84,
	rowGap: 14,
	maxFit: 2
};

/** Rough width of a line of text in layout units (the layout is pure; the stage clips what still overflows). */
export function textWidth(text: string, px: number, bold = false): number {
	return text.length * px * (bold ? 0.6 : 0.55);
}
