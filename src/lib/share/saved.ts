// Scenarios saved in the browser (localStorage), versioned. A corrupt or unreadable entry is reported and
// skipped; the rest still load. The storage is injected so the logic is testable without a browser.

import { parseScenario, type Scenario } from '$lib/engine';

export const SAVED_KEY = 'pigeonhole.saved.v1';

export interface SavedEntry {
	name: string;
	savedAt: string;
	scenario: Scenario;
}

export interface StorageLike {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** Every readable saved scenario, and a message per entry that had to be skipped. */
export function readSaved(storage: StorageLike): { entries: SavedEntry[]; skipped: string[] } {
	const raw = storage.getItem(SAVED_KEY);
	if (raw === null) return { entries: [], skipped: [] };
	let list: unknown;
	try {
		list = JSON.parse(raw);
	} catch {
		return {
			entries: [],
			skipped: ['The saved scenarios could not be read (the stored data is not JSON); they were ignored.']
		};
	}
	if (!Array.isArray(list))
		return { entries: [], skipped: ['The saved scenarios are in an unknown format; they were ignored.'] };
	const entries: SavedEntry[] = [];
	const skipped: string[] = [];
	list.forEach((item, k) => {
		const e = item as Partial<SavedEntry> | null;
		const parsed = e && typeof e === 'object' ? parseScenario(e.scenario) : undefined;
		if (!e || typeof e.name !== 'string' || !parsed?.ok) {
			skipped.push(
				`Saved scenario #${k + 1}${e && typeof e.name === 'string' ? ` (“${e.name}”)` : ''} is damaged and was skipped.`
			);
			return;
		}
		entries.push({
			name: e.name,
			savedAt: typeof e.savedAt === 'string' ? e.savedAt : '',
			scenario: parsed.scenario
		});
	});
	return { entries, skipped };
}

/** Save (or replace by name) a scenario. */
export function saveScenario(storage: StorageLike, scenario: Scenario, savedAt: string): SavedEntry[] {
	const { entries } = readSaved(storage);
	const next = [
		...entries.filter((e) => e.name !== scenario.name),
		{ name: scenario.name, savedAt, scenario }
	];
	storage.setItem(SAVED_KEY, JSON.stringify(next));
	return next;
}
