// A template's sections made ready to resolve: its parameters (defaults, overrides, AllowedValues), its
// conditions (evaluated once each, a cycle among them refused) and its resources' attributes, which fill
// in as the resources are resolved in dependency order.

import {
	attributeOf,
	attributesOf,
	ACCOUNT,
	PARTITION,
	REGION,
	URL_SUFFIX,
	type Attributes
} from './attributes';
import { TemplateError, type Site } from './errors';
import { evaluateCondition, NO_VALUE, type Resolver } from './resolve';

export interface ResourceDecl {
	Type: string;
	Properties: Record<string, unknown>;
	Condition?: string;
	DependsOn?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The template's sections, checked for shape. */
export function sections(doc: Record<string, unknown>) {
	const section = (name: string) => {
		const v = doc[name];
		if (v === undefined || v === null) return {};
		if (!isObject(v)) throw new TemplateError(`${name} must be a map`, { property: name });
		return v;
	};
	const resources = section('Resources');
	if (Object.keys(resources).length === 0)
		throw new TemplateError('the template has no Resources', { property: 'Resources' });
	const decls: Record<string, ResourceDecl> = {};
	for (const [id, res] of Object.entries(resources)) {
		if (!isObject(res) || typeof res['Type'] !== 'string') {
			throw new TemplateError('a resource must be a map with a Type', { logicalId: id, property: 'Type' });
		}
		const props = res['Properties'] ?? {};
		if (!isObject(props))
			throw new TemplateError('Properties must be a map', { logicalId: id, property: 'Properties' });
		if (res['Condition'] !== undefined && typeof res['Condition'] !== 'string') {
			throw new TemplateError('Condition must be a condition name', { logicalId: id, property: 'Condition' });
		}
		decls[id] = { ...res, Type: res['Type'], Properties: props };
	}
	return {
		parameters: section('Parameters'),
		mappings: section('Mappings'),
		conditions: section('Conditions'),
		globals: section('Globals'),
		resources: decls
	};
}

/** Parameter values: an override, else the Default; a List<…> or CommaDelimitedList is split on commas. */
export function parameterValues(
	parameters: Record<string, unknown>,
	overrides: Record<string, string>
): Map<string, string | string[]> {
	for (const name of Object.keys(overrides)) {
		if (!Object.hasOwn(parameters, name)) {
			throw new TemplateError(`params overrides '${name}', which is no parameter of the template`, {
				logicalId: name,
				property: 'params'
			});
		}
	}
	const values = new Map<string, string | string[]>();
	for (const [name, decl] of Object.entries(parameters)) {
		const at = { logicalId: name, property: 'Default' };
		if (!isObject(decl)) throw new TemplateError('a parameter must be a map with a Type', at);
		const given = Object.hasOwn(overrides, name) ? overrides[name] : decl['Default'];
		if (given === undefined || given === null) {
			throw new TemplateError(
				`parameter '${name}' has no Default and no value was given (options.params.${name})`,
				at
			);
		}
		const text = Array.isArray(given) ? given.map((g) => scalar(g)).join(',') : scalar(given);
		const allowed = decl['AllowedValues'];
		if (Array.isArray(allowed) && !allowed.map(String).includes(text)) {
			throw new TemplateError(`'${text}' is not one of the AllowedValues ${allowed.map(String).join(', ')}`, {
				logicalId: name,
				property: 'AllowedValues'
			});
		}
		const type = typeof decl['Type'] === 'string' ? decl['Type'] : 'String';
		// An SSM parameter's Default is the name of a value in Parameter Store, which the importer cannot read.
		if (type.startsWith('AWS::SSM::Parameter::Value') && !Object.hasOwn(overrides, name)) {
			throw new TemplateError(
				`parameter '${name}' is read from SSM Parameter Store; give its value in options.params.${name}`,
				{
					logicalId: name,
					property: 'Type'
				}
			);
		}
		const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
		values.set(name, isList ? (text === '' ? [] : text.split(',').map((s) => s.trim())) : text);
	}
	return values;
}

/** A parameter value as CloudFormation passes it: text. */
function scalar(v: unknown): string {
	return typeof v === 'string' ? v : JSON.stringify(v);
}

export interface TemplateContext extends Resolver {
	/** Record a resolved resource's attributes. */
	setAttributes(id: string, a: Attributes): void;
	attributes(id: string): Attributes | undefined;
	/** Why a resource is left out (its condition is false), if it is. */
	excluded(id: string): string | undefined;
}

export function createContext(input: {
	stackName: string;
	params: Map<string, string | string[]>;
	mappings: Record<string, unknown>;
	conditions: Record<string, unknown>;
	resources: Record<string, ResourceDecl>;
}): TemplateContext {
	const { params, mappings, conditions, resources } = input;
	const attributes = new Map<string, Attributes>();
	const conditionValues = new Map<string, boolean>();
	const evaluating: string[] = [];

	const ctx: TemplateContext = {
		mappings,
		parameter: (name) => params.get(name),
		pseudo(name) {
			switch (name) {
				case 'AWS::Region':
					return REGION;
				case 'AWS::AccountId':
					return ACCOUNT;
				case 'AWS::StackName':
					return input.stackName;
				case 'AWS::StackId':
					return `arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT}:stack/${input.stackName}/00000000-0000-0000-0000-000000000000`;
				case 'AWS::Partition':
					return PARTITION;
				case 'AWS::URLSuffix':
					return URL_SUFFIX;
				case 'AWS::NoValue':
					return NO_VALUE;
				case 'AWS::NotificationARNs':
					return '';
			}
			return undefined;
		},
		hasResource: (id) => Object.hasOwn(resources, id),
		ref(id, at) {
			return found(id, at).ref;
		},
		getAtt(id, attribute, at) {
			const decl = resources[id];
			return attributeOf(decl?.Type ?? '', id, found(id, at), attribute, at);
		},
		condition(name, at) {
			const known = conditionValues.get(name);
			if (known !== undefined) return known;
			if (!Object.hasOwn(conditions, name)) {
				throw new TemplateError(`condition '${name}' is not defined in Conditions`, at);
			}
			if (evaluating.includes(name)) {
				const cycle = [...evaluating.slice(evaluating.indexOf(name)), name];
				throw new TemplateError(`circular dependency between conditions: ${cycle.join(' → ')}`, {
					logicalId: name,
					property: 'Conditions'
				});
			}
			evaluating.push(name);
			// Conditions may use parameters and mappings, not resources (CloudFormation's rule).
			const noResources: Resolver = {
				...ctx,
				ref: (id, site) => {
					throw new TemplateError(`a condition cannot refer to the resource '${id}'`, site);
				},
				getAtt: (id, _attribute, site) => {
					throw new TemplateError(`a condition cannot refer to the resource '${id}'`, site);
				}
			};
			const value = evaluateCondition(conditions[name], noResources, { logicalId: name, property: '' });
			evaluating.pop();
			conditionValues.set(name, value);
			return value;
		},
		setAttributes: (id, a) => void attributes.set(id, a),
		attributes: (id) => attributes.get(id),
		excluded(id) {
			const name = resources[id]?.Condition;
			if (name === undefined) return undefined;
			return ctx.condition(name, { logicalId: id, property: 'Condition' })
				? undefined
				: `condition ${name} is false`;
		}
	};

	function found(id: string, at: Site): Attributes {
		const why = ctx.excluded(id);
		if (why !== undefined) throw new TemplateError(`refers to '${id}', which is left out (${why})`, at);
		const a = attributes.get(id);
		if (a === undefined) {
			// Only reachable if the dependency order missed an edge; fall back to the unresolved name.
			return attributesOf(resources[id]?.Type ?? '', id, {});
		}
		return a;
	}
	return ctx;
}
