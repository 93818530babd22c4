// Built-in scenarios shipped with the app: the same files the CLI runs, from /scenarios.
import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';
import fifoGroups from '../../../scenarios/sqs-fifo-groups.json';
import poisonDlq from '../../../scenarios/sqs-poison-dlq.json';

export const BUILT_IN_SCENARIOS: { id: string; scenario: unknown }[] = [
	{ id: 'standard-duplicates', scenario: standardDuplicates },
	{ id: 'fifo-groups', scenario: fifoGroups },
	{ id: 'poison-dlq', scenario: poisonDlq }
];

export const DEFAULT_SCENARIO_ID = 'standard-duplicates';
