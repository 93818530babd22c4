// The side panel's tabs as a keyboard pattern: ←/→ move to the previous / next tab (wrapping), Home / End to
// the first / last. Pure, so the page's key handler only applies the answer.

import { TABS, type Tab } from './constants';

/** The tab a key moves to from `from`, or undefined when the key is not one of the tab keys. */
export function tabAfterKey(from: Tab, key: string): Tab | undefined {
	const i = TABS.indexOf(from);
	const to =
		key === 'ArrowRight'
			? (i + 1) % TABS.length
			: key === 'ArrowLeft'
				? (i - 1 + TABS.length) % TABS.length
				: key === 'Home'
					? 0
					: key === 'End'
						? TABS.length - 1
						: undefined;
	return to === undefined ? undefined : TABS[to];
}

/** Tabs that keep the focus when something is selected; any other tab gives way to the inspector. */
const KEEPS_SELECTION_TAB: readonly Tab[] = ['editor', 'sequence', 'lessons', 'compare'];

/** Selecting something shows the inspector, unless the user is in a tab that works with the selection. */
export function tabOnSelection(current: Tab): Tab {
	return KEEPS_SELECTION_TAB.includes(current) ? current : 'inspector';
}
