// The one list of services. It is handed explicitly to parseScenario (its checks) and to the simulation
// (its node factory); nothing registers itself as an import side effect (DESIGN §2), so a parse gives
// the same answer whatever else has been imported.

import type { ScenarioRules } from '../engine/scenario';
import type { NodeFactory } from '../engine/simulation';
import { createNode } from './create-node';
import { checkTopicPolicies } from './sns/scenario-checks';

export interface ServiceRegistry extends ScenarioRules {
	/** Builds the simulation node for a scenario node. */
	readonly createNode: NodeFactory;
}

export const registry: ServiceRegistry = {
	// SNS-FP-17 / SNS-RETRY-4: filter and delivery policies must compile.
	checks: [checkTopicPolicies],
	createNode
};
