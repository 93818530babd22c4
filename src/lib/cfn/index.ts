// The CloudFormation/SAM template importer: template text → a scenario document loadScenario accepts, with
// the resources it left out (ignored), what it could not carry over (warnings) and where traffic enters
// (entryPoints). Bad input is a TemplateError naming the resource and property.

import { parseScenario } from '../services';
import { attributesOf, ReferenceIndex } from './attributes';
import { createContext, parameterValues, sections } from './context';
import { DEFAULT_RATE_PER_SECOND, entryProducers } from './entry-points';
import { TemplateError } from './errors';
import { dependencies, dependencyOrder } from './graph';
import { lambdaNodes, type Resolved } from './lambda-nodes';
import { mapFirehose, mapStream } from './map-kinesis';
import { mapTopic, mapSubscription } from './map-sns';
import { mapQueue } from './map-sqs';
import type { NodeDoc, ScenarioDoc, SubscriptionDoc } from './nodes';
import { FIREHOSE, FUNCTIONS, Props, QUEUE, STREAM, TOPIC, type ImportWarning } from './props';
import { resolveValue } from './resolve';

export { TemplateError } from './errors';
import { parseTemplateText } from './parse-text';
export { parseTemplateText, MAX_ALIAS_COUNT, MAX_TEMPLATE_CHARS } from './parse-text';
export { DEFAULT_RATE_PER_SECOND };
export { looksLikeTemplate } from './detect';
export type { ImportWarning } from './props';
export type { NodeDoc, ScenarioDoc } from './nodes';

export interface ImportOptions {
	/** Parameter values, overriding the Defaults. */
	params?: Record<string, string>;
	/** Logical id → messages per second of its producer (default 10). */
	load?: Record<string, number>;
	/** The stack's name: AWS::StackName (default 'stack'). */
	stackName?: string;
}

export interface IgnoredResource {
	logicalId: string;
	type: string;
	/** Why it gives no node. */
	reason: string;
}

export interface ImportResult {
	scenario: ScenarioDoc;
	ignored: IgnoredResource[];
	warnings: ImportWarning[];
	/** Logical ids of the queues, topics and streams that got a default producer (`<LogicalId>Producer`). */
	entryPoints: string[];
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const ESM = 'AWS::Lambda::EventSourceMapping';
const SUBSCRIPTION = 'AWS::SNS::Subscription';
/** The resource types that become nodes or parts of nodes; every other type is listed as ignored. */
const MAPPED = new Set<string>([QUEUE, TOPIC, SUBSCRIPTION, STREAM, FIREHOSE, ESM, ...FUNCTIONS]);
export const SCENARIO_DURATION_MS = 60_000;

function checkTransform(transform: unknown): void {
	const list = transform === undefined ? [] : Array.isArray(transform) ? transform : [transform];
	for (const t of list) {
		if (t !== SAM_TRANSFORM) {
			throw new TemplateError(`transform ${JSON.stringify(t)} is not supported; only ${SAM_TRANSFORM} is`, {
				property: 'Transform'
			});
		}
	}
}

export function importTemplate(text: string, options: ImportOptions = {}): ImportResult {
	const doc = parseTemplateText(text);
	checkTransform(doc['Transform']);
	const s = sections(doc);
	const params = parameterValues(s.parameters, options.params ?? {});
	const ctx = createContext({ stackName: options.stackName ?? 'stack', params, ...s });
	const templateOrder = Object.keys(s.resources);
	const warnings: ImportWarning[] = [];
	const index = new ReferenceIndex();
	const resolved = new Map<string, Resolved>();
	const globals = s.globals['Function'];

	for (const id of dependencyOrder(dependencies(s.resources))) {
		const decl = s.resources[id];
		if (decl === undefined || ctx.excluded(id) !== undefined) continue;
		if (!MAPPED.has(decl.Type)) {
			ctx.setAttributes(id, attributesOf(decl.Type, id, {}));
			continue;
		}
		// SAM Globals.Function: defaults for every AWS::Serverless::Function, its own properties winning.
		const raw =
			decl.Type === 'AWS::Serverless::Function' && typeof globals === 'object' && globals !== null
				? { ...globals, ...decl.Properties }
				: decl.Properties;
		const props = resolveValue(raw, ctx, { logicalId: id, property: '' }) as Record<string, unknown>;
		const a = attributesOf(decl.Type, id, props);
		ctx.setAttributes(id, a);
		index.add(decl.Type, id, a);
		resolved.set(id, { id, type: decl.Type, props, arn: a.atts['Arn'] ?? a.ref });
	}

	const ignored: IgnoredResource[] = [];
	const slots = new Map<string, NodeDoc[]>();
	const topics = new Map<string, NodeDoc>();
	const subscriptions: { topic: string; subscription: SubscriptionDoc }[] = [];
	for (const id of templateOrder) {
		const decl = s.resources[id];
		if (decl === undefined) continue;
		const why = ctx.excluded(id);
		if (why !== undefined) {
			ignored.push({ logicalId: id, type: decl.Type, reason: `left out: ${why}` });
			continue;
		}
		const r = resolved.get(id);
		if (r === undefined) {
			ignored.push({ logicalId: id, type: decl.Type, reason: 'does not carry or process messages' });
			continue;
		}
		const p = new Props(id, r.props, warnings, index);
		if (r.type === QUEUE) slots.set(id, [mapQueue(p)]);
		if (r.type === STREAM) slots.set(id, [mapStream(p)]);
		if (r.type === FIREHOSE) slots.set(id, [mapFirehose(p)]);
		if (r.type === TOPIC) {
			const topic = mapTopic(p);
			topics.set(id, topic);
			slots.set(id, [topic]);
		}
		if (r.type === SUBSCRIPTION) {
			const sub = mapSubscription(p);
			if (sub) subscriptions.push(sub);
			else
				ignored.push({ logicalId: id, type: r.type, reason: 'its topic or endpoint is not in the template' });
		}
	}

	const lambdas = lambdaNodes([...resolved.values()], index, warnings);
	for (const [fn, nodes] of lambdas.nodes) slots.set(fn, nodes);
	for (const i of lambdas.ignored) ignored.push({ ...i, type: s.resources[i.logicalId]?.Type ?? '' });
	for (const { topic, subscription } of [...subscriptions, ...lambdas.subscriptions]) {
		(topics.get(topic)?.['Subscriptions'] as SubscriptionDoc[] | undefined)?.push(subscription);
	}

	const nodes = templateOrder.flatMap((id) => slots.get(id) ?? []);
	const { producers, entryPoints } = entryProducers(nodes, options.load ?? {});
	const description = typeof doc['Description'] === 'string' ? doc['Description'] : undefined;
	const scenario: ScenarioDoc = {
		version: 1,
		name: scenarioName(description),
		...(description !== undefined ? { description: description.slice(0, 4000) } : {}),
		seed: 1,
		durationMs: SCENARIO_DURATION_MS,
		nodes: [...producers, ...nodes],
		fidelityNotes: [
			'Imported from a CloudFormation template: names, URLs and ARNs are stand-ins in account 000000000000, us-east-1.',
			...(producers.length > 0 ? ['Each entry point gets a default producer at a fixed rate.'] : [])
		]
	};
	check(scenario);
	return { scenario, ignored, warnings, entryPoints };
}

function scenarioName(description: string | undefined): string {
	const first = description?.split('\n')[0]?.trim();
	if (!first) return 'Imported template';
	return first.length <= 120 ? first : `${first.slice(0, 119)}…`;
}

/** The scenario must load; an issue is reported at the node (logical id) and field it concerns. */
function check(scenario: ScenarioDoc): void {
	const r = parseScenario(scenario);
	if (r.ok) return;
	const [first] = r.errors;
	const m = /^nodes\[(\d+)\]\.?(.*)$/.exec(first?.path ?? '');
	const node = m ? scenario.nodes[Number(m[1])] : undefined;
	const message = r.errors
		.map((e) => {
			const em = /^nodes\[(\d+)\]\.?(.*)$/.exec(e.path);
			const n = em ? scenario.nodes[Number(em[1])] : undefined;
			return n ? `${n.id}.${em?.[2] ?? ''}: ${e.message}` : `${e.path}: ${e.message}`;
		})
		.join('; ');
	throw new TemplateError(`the imported scenario is not valid: ${message}`, {
		...(node ? { logicalId: node.id.split('.')[0] ?? node.id } : {}),
		...(m?.[2] ? { property: m[2] } : {})
	});
}

/** What an import made, left out and could not carry over, as lines (the CLI's stderr, the page's notice). */
export function importReportLines(fileName: string, r: ImportResult): string[] {
	const lines = [`Imported ${fileName}: ${r.scenario.nodes.length} nodes`];
	if (r.entryPoints.length > 0)
		lines.push(
			`  entry points with a default producer: ${r.entryPoints.join(', ')} (${DEFAULT_RATE_PER_SECOND} messages/s each unless set)`
		);
	for (const i of r.ignored) lines.push(`  ignored ${i.logicalId} (${i.type}): ${i.reason}`);
	for (const w of r.warnings) lines.push(`  warning ${w.logicalId}.${w.property}: ${w.message}`);
	return lines;
}
