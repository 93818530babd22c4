// Built-in scenarios shipped with the app (the CLI's samples live in /scenarios).
import standardDuplicates from './standard-duplicates.json';

export const BUILT_IN_SCENARIOS: { id: string; scenario: unknown }[] = [
	{ id: 'standard-duplicates', scenario: standardDuplicates }
];

export const DEFAULT_SCENARIO_ID = 'standard-duplicates';
