// Public surface of the scenario format.
export * from './schema';
export * from './parse';
export { migrateScenario, MIGRATIONS, MigrationError, type Migration } from './migrate';
export { edgesOf, type ScenarioEdge } from './edges';
