// The scenario document the importer builds: plain objects in the scenario format (docs/ARCHITECTURE.md),
// validated by loadScenario at the end.

export type NodeDoc = { id: string; type: string } & Record<string, unknown>;
export type SubscriptionDoc = { Protocol: string; Endpoint: string } & Record<string, unknown>;

export interface ScenarioDoc {
	version: 1;
	name: string;
	description?: string;
	seed: number;
	durationMs: number;
	nodes: NodeDoc[];
	fidelityNotes?: string[];
}
