// Constants the views need before the simulator's own chunk (engine and models) has loaded.

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] as const;

/** Bins of the timeline's event density over the whole run. */
export const DENSITY_BINS = 240;

/** The side panel's tabs, in the order they are shown (and moved through with the arrow keys). */
export const TABS = [
	'inspector',
	'insights',
	'charts',
	'sequence',
	'lessons',
	'compare',
	'seeds',
	'editor'
] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABEL: Record<Tab, string> = {
	inspector: 'Inspector',
	insights: 'What went wrong',
	charts: 'Charts',
	sequence: 'Sequence',
	lessons: 'Lessons',
	compare: 'Compare',
	seeds: 'Seeds',
	editor: 'Edit'
};
