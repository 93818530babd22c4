// Scenario migrations: each step lifts a scenario from version k to k+1. Old share links and saved files
// go through here before validation. Version 1 is the first published format, so the table is empty
// today; the mechanism is exercised by tests with a synthetic table.

export type Migration = (scenario: Record<string, unknown>) => Record<string, unknown>;

/** migrations[k] turns a version-k scenario into a version-(k+1) one. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export class MigrationError extends Error {
	override name = 'MigrationError';
}

export function migrateScenario(
	raw: unknown,
	currentVersion: number,
	migrations: Readonly<Record<number, Migration>> = MIGRATIONS
): unknown {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw; // the schema reports it
	let scenario = raw as Record<string, unknown>;
	const version = scenario.version;
	if (version === undefined) throw new MigrationError('version: missing (expected a number such as 1)');
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw new MigrationError(`version: must be a whole number from 1 to ${currentVersion}`);
	}
	if (version > currentVersion) {
		throw new MigrationError(
			`version: ${version} is newer than this app understands (up to ${currentVersion}); reload to update`
		);
	}
	for (let k = version; k < currentVersion; k++) {
		const step = migrations[k];
		if (!step) throw new MigrationError(`version: no migration from version ${k} to ${k + 1}`);
		scenario = { ...step(scenario), version: k + 1 };
	}
	return scenario;
}
