// Public surface of the scenario format.
export * from './schema';
export * from './parse';
export { migrateScenario, MIGRATIONS, MigrationError, type Migration } from './migrate';
export { edgesOf, type ScenarioEdge } from './edges';
export {
	dlqCycles,
	dlqCycleFix,
	formatDlqCycle,
	DlqCycleCounter,
	type DlqCycle,
	type DlqCycleReport
} from './dlq-cycles';
export { editDistance, closestName } from './suggest';
