// Named invariants over an SNS trace: each published message reaches each subscription exactly once as
// "filtered out" or as a delivery that ends delivered, dead-lettered or dropped with a reason; failed
// attempts are followed by a retry or an end (SNS-TOP-1, SNS-FP-1, SNS-RETRY-1, SNS-DLQ-2).

import type { TraceEvent } from '../trace';
import type { Violation } from './violation';
import { violationAt } from './violation-at';

export interface SnsCheckOptions {
	/** The policy decision for (subscription, message): true = should be delivered. From the model. */
	shouldDeliver?: (subscription: string, msg: string) => boolean | undefined;
	/** Deliveries still in progress at the end are allowed (a run cut short). */
	allowOpen?: boolean;
}

export function checkSnsDeliveries(events: Iterable<TraceEvent>, options: SnsCheckOptions = {}): Violation[] {
	const out: Violation[] = [];
	const outcome = new Map<string, string>();
	const attempts = new Map<string, { t: number; node: string; outcome: string }>();
	for (const e of events) {
		if (
			e.type !== 'filtered-out' &&
			e.type !== 'delivered' &&
			e.type !== 'delivery-dead-lettered' &&
			e.type !== 'delivery-dropped' &&
			e.type !== 'delivery-attempted'
		) {
			continue;
		}
		const k = `${e.node}\u0000${e.subscription}\u0000${e.msg}`;
		if (e.type === 'delivery-attempted') {
			if (outcome.has(k)) {
				out.push(
					violationAt(
						'sns-delivery',
						'SNS-TOP-1',
						e,
						`attempted again after the delivery to ${e.subscription} had ended`
					)
				);
			}
			attempts.set(k, { t: e.t, node: e.node, outcome: e.outcome });
			continue;
		}
		const before = outcome.get(k);
		if (before !== undefined) {
			out.push(
				violationAt(
					'sns-delivery',
					'SNS-TOP-1',
					e,
					`${e.type} after ${before} for ${e.subscription}: a message must end once per subscription`
				)
			);
		}
		outcome.set(k, e.type);
		const expected = options.shouldDeliver?.(e.subscription, e.msg as string);
		if (expected !== undefined && expected === (e.type === 'filtered-out')) {
			out.push(
				violationAt(
					'sns-filter',
					'SNS-FP-1',
					e,
					expected
						? `filtered out for ${e.subscription} although its policy matches`
						: `delivered to ${e.subscription} although its policy does not match`
				)
			);
		}
		if (e.type === 'delivered' && attempts.get(k)?.outcome !== 'success') {
			out.push(
				violationAt(
					'sns-delivery',
					'SNS-RETRY-1',
					e,
					`delivered to ${e.subscription} without a successful attempt`
				)
			);
		}
		if (e.type !== 'filtered-out' && e.type !== 'delivered' && (e.cause === undefined || e.cause === '')) {
			out.push(violationAt('sns-delivery', 'SNS-DLQ-2', e, `${e.type} for ${e.subscription} with no reason`));
		}
	}
	if (!options.allowOpen) {
		for (const [k, a] of attempts) {
			if (!outcome.has(k)) {
				const [node, sub, msg] = k.split('\u0000') as [string, string, string];
				out.push(
					violationAt(
						'sns-delivery',
						'SNS-RETRY-1',
						{ t: a.t, node, msg },
						`the delivery to ${sub} never ended (not delivered, dead-lettered or dropped)`
					)
				);
			}
		}
	}
	return out;
}
