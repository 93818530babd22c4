// Gathers each function's event source mappings, from AWS::Lambda::EventSourceMapping resources and
// from SAM Events (SQS, Kinesis; SNS becomes a subscription), and makes one lambda node per mapping: the
// function's logical id when it has one mapping, `<Function>.<Mapping>` when it has several.

import type { ReferenceIndex } from './attributes';
import {
	eventSourceFields,
	functionSettings,
	snsEventSubscription,
	type FunctionSettings
} from './map-lambda';
import type { NodeDoc, SubscriptionDoc } from './nodes';
import { FUNCTIONS, Props, type ImportWarning } from './props';

export interface Resolved {
	id: string;
	type: string;
	props: Record<string, unknown>;
	/** The function's ARN, for SNS subscriptions. */
	arn: string;
}

export interface LambdaOutcome {
	/** Function logical id → its lambda nodes. */
	nodes: Map<string, NodeDoc[]>;
	subscriptions: { topic: string; subscription: SubscriptionDoc }[];
	/** Resources that give no node, with why. */
	ignored: { logicalId: string; reason: string }[];
}

interface Mapping {
	key: string;
	source: string;
	fields: Record<string, unknown>;
}

export function lambdaNodes(
	resources: Resolved[],
	index: ReferenceIndex,
	warnings: ImportWarning[]
): LambdaOutcome {
	const props = (r: Resolved, values = r.props, base = '') => new Props(r.id, values, warnings, index, base);
	const settings = new Map<string, FunctionSettings>();
	const mappings = new Map<string, Mapping[]>();
	const out: LambdaOutcome = { nodes: new Map(), subscriptions: [], ignored: [] };
	const functions = resources.filter((r) => (FUNCTIONS as readonly string[]).includes(r.type));
	for (const fn of functions) {
		settings.set(fn.id, functionSettings(props(fn)));
		mappings.set(fn.id, []);
		if (fn.type !== 'AWS::Serverless::Function') continue;
		const events = props(fn).json('Events') ?? {};
		for (const [name, event] of Object.entries(events)) {
			const at = `Events.${name}`;
			const e = props(fn, (event ?? {}) as Record<string, unknown>, at);
			const type = e.str('Type');
			const p = e.child('Properties') ?? props(fn, {}, `${at}.Properties`);
			e.finish();
			if (type === 'SQS' || type === 'Kinesis') {
				if (p.raw('Enabled') === false || p.raw('Enabled') === 'false') {
					p.warn('Enabled', 'the mapping is disabled; it is left out');
					continue;
				}
				const { source, fields } = eventSourceFields(p, type === 'SQS' ? 'Queue' : 'Stream');
				if (source !== undefined) mappings.get(fn.id)?.push({ key: name, source, fields });
			} else if (type === 'SNS') {
				const s = snsEventSubscription(p, fn.arn);
				if (s) out.subscriptions.push(s);
			} else {
				props(fn, {}, at).warn(
					'Type',
					`${String(type)} events do not carry messages the simulator models; left out`
				);
			}
		}
	}
	for (const esm of resources.filter((r) => r.type === 'AWS::Lambda::EventSourceMapping')) {
		const p = props(esm);
		if (p.raw('Enabled') === false || p.raw('Enabled') === 'false') {
			out.ignored.push({ logicalId: esm.id, reason: 'the mapping is disabled (Enabled: false)' });
			continue;
		}
		const fnName = p.str('FunctionName');
		const fn = fnName === undefined ? undefined : index.find(fnName, FUNCTIONS);
		if (fn === undefined) {
			if (fnName === undefined) p.fail('FunctionName', 'is required');
			out.ignored.push({
				logicalId: esm.id,
				reason: `FunctionName '${fnName}' names no function of this template`
			});
			continue;
		}
		const { source, fields } = eventSourceFields(p, 'EventSourceArn');
		if (source === undefined) {
			out.ignored.push({
				logicalId: esm.id,
				reason: 'its EventSourceArn names no SQS queue or Kinesis stream of this template'
			});
			continue;
		}
		mappings.get(fn.id)?.push({ key: esm.id, source, fields });
	}
	for (const fn of functions) {
		const list = mappings.get(fn.id) ?? [];
		if (list.length === 0) {
			out.ignored.push({
				logicalId: fn.id,
				reason:
					'no event source mapping reads a queue or stream of this template; the engine models a function only as such a consumer'
			});
			continue;
		}
		const base = settings.get(fn.id) ?? {};
		out.nodes.set(
			fn.id,
			list.map((m) => ({
				id: list.length === 1 ? fn.id : `${fn.id}.${m.key}`,
				type: 'lambda',
				source: m.source,
				...base,
				...m.fields
			}))
		);
	}
	return out;
}
