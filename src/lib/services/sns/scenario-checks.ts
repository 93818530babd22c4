// Scenario rules that need SNS code: filter and delivery policies are compiled at parse time, so a
// broken one is reported with its path before anything runs.

import { jsonText } from '../shared/json-text';
import type { Scenario, ScenarioIssue } from '../../engine/scenario';
import { parseFilterPolicy } from './filter-policy';
import { parseTopicDeliveryPolicy, scheduleFor } from './retry-policy';

/**
 * SNS-FP-17 / SNS-RETRY-4: invalid filter or delivery policies are reported with their path. A topic's
 * DeliveryPolicy is checked at the topic and each subscription's on its own (for HTTP/S only, as
 * `scheduleFor` reads it), so a broken topic policy is not reported again at every subscription.
 */
export function checkTopicPolicies(scenario: Scenario): ScenarioIssue[] {
	const issues: ScenarioIssue[] = [];
	scenario.nodes.forEach((node, index) => {
		if (node.type !== 'sns-topic') return;
		const at = (field: string) => `nodes[${index}].${field}`;
		const tryIt = (path: string, fn: () => unknown) => {
			try {
				fn();
			} catch (err) {
				issues.push({ path: at(path), message: (err as Error).message });
			}
		};
		const topicPolicy = jsonText(node.DeliveryPolicy);
		if (topicPolicy !== undefined) tryIt('DeliveryPolicy', () => parseTopicDeliveryPolicy(topicPolicy));
		node.Subscriptions.forEach((sub, k) => {
			const filter = jsonText(sub.FilterPolicy);
			if (filter !== undefined) {
				tryIt(`Subscriptions[${k}].FilterPolicy`, () =>
					parseFilterPolicy(filter, sub.FilterPolicyScope ?? 'MessageAttributes')
				);
			}
			const delivery = jsonText(sub.DeliveryPolicy);
			if (delivery !== undefined) {
				tryIt(`Subscriptions[${k}].DeliveryPolicy`, () => scheduleFor(sub.Protocol, delivery));
			}
		});
	});
	return issues;
}
