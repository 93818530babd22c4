// Scenarios saved in the browser (localStorage), versioned. A corrupt or unreadable entry is reported and
// skipped; the rest still load. The storage is injected so the logic is testable without a browser.
// Saving replaces the entries saved under the same name. Entries that share a name all the same (written by
// an older version, another tab or by hand) all stay listed: each has a unique, stable key for the list,
// and a listed name that tells them apart by their save time.

import { type Scenario } from '$lib/engine';
import { parseScenario } from '$lib/services';

export const SAVED_KEY = 'pigeonhole.saved.v1';

export interface SavedEntry {
	/** Unique among the entries by construction, and kept in storage so it stays the same across reads. */
	key: string;
	/**
	 * The name the list shows: the name it was saved under, followed by its save time (and a number, if
	 * need be) when another entry has the same name, so that no two entries are listed alike.
	 */
	name: string;
	savedAt: string;
	scenario: Scenario;
}

export interface StorageLike {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** An entry as stored: `name` is the name it was saved under. */
interface Stored {
	id: string;
	name: string;
	savedAt: string;
	scenario: Scenario;
}

/** `base` itself when unused, else `base #2`, `base #3`…: unique among `used`, which it joins. */
function unique(base: string, used: Set<string>): string {
	let candidate = base;
	for (let n = 2; used.has(candidate); n++) candidate = `${base} #${n}`;
	used.add(candidate);
	return candidate;
}

/** "2026-11-24T01:00:00.000Z" → "2026-11-24 01:00:00 UTC"; anything else as it is. */
function formatSavedAt(savedAt: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(savedAt);
	return m ? `${m[1]} ${m[2]} UTC` : savedAt;
}

function readStored(storage: StorageLike): { stored: Stored[]; skipped: string[] } {
	const raw = storage.getItem(SAVED_KEY);
	if (raw === null) return { stored: [], skipped: [] };
	let list: unknown;
	try {
		list = JSON.parse(raw);
	} catch {
		return {
			stored: [],
			skipped: ['The saved scenarios could not be read (the stored data is not JSON); they were ignored.']
		};
	}
	if (!Array.isArray(list))
		return { stored: [], skipped: ['The saved scenarios are in an unknown format; they were ignored.'] };
	const stored: Stored[] = [];
	const skipped: string[] = [];
	const ids = new Set<string>();
	list.forEach((item, k) => {
		const e = item as (Partial<Stored> & Record<string, unknown>) | null;
		const parsed = e && typeof e === 'object' ? parseScenario(e.scenario) : undefined;
		if (!e || typeof e.name !== 'string' || !parsed?.ok) {
			skipped.push(
				`Saved scenario #${k + 1}${e && typeof e.name === 'string' ? ` (“${e.name}”)` : ''} is damaged and was skipped.`
			);
			return;
		}
		// Entries saved before ids existed (or with a repeated one) get one from their place in the list.
		const id = unique(typeof e.id === 'string' && e.id !== '' ? e.id : `saved-${k + 1}`, ids);
		stored.push({
			id,
			name: e.name,
			savedAt: typeof e.savedAt === 'string' ? e.savedAt : '',
			scenario: parsed.scenario
		});
	});
	return { stored, skipped };
}

/** The entries as listed: every key and every listed name unique. */
function listed(stored: Stored[]): SavedEntry[] {
	const count = new Map<string, number>();
	for (const s of stored) count.set(s.name, (count.get(s.name) ?? 0) + 1);
	const names = new Set<string>();
	// Names that are not shared come first, so that only the shared ones are ever numbered.
	const listedName = new Map<Stored, string>();
	for (const s of stored) if (count.get(s.name) === 1) listedName.set(s, unique(s.name, names));
	for (const s of stored) {
		if (listedName.has(s)) continue;
		const base = s.savedAt === '' ? s.name : `${s.name} (saved ${formatSavedAt(s.savedAt)})`;
		listedName.set(s, unique(base, names));
	}
	return stored.map((s) => ({
		key: s.id,
		name: listedName.get(s) ?? s.name,
		savedAt: s.savedAt,
		scenario: s.scenario
	}));
}

/** Every readable saved scenario, and a message per entry that had to be skipped. */
export function readSaved(storage: StorageLike): { entries: SavedEntry[]; skipped: string[] } {
	const { stored, skipped } = readStored(storage);
	return { entries: listed(stored), skipped };
}

/** Save a scenario, replacing every entry saved under its name. */
export function saveScenario(storage: StorageLike, scenario: Scenario, savedAt: string): SavedEntry[] {
	const kept = readStored(storage).stored.filter((e) => e.name !== scenario.name);
	const id = unique(`saved-${savedAt}`, new Set(kept.map((e) => e.id)));
	const next: Stored[] = [...kept, { id, name: scenario.name, savedAt, scenario }];
	storage.setItem(SAVED_KEY, JSON.stringify(next));
	return listed(next);
}
