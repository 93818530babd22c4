// Template text to a plain value: JSON (JSON.parse) or YAML through the `yaml` library (2.x), with
// CloudFormation's short intrinsic tags (!Ref, !GetAtt, !Sub…) turned into their long forms ({"Ref": …},
// {"Fn::GetAtt": […]}), as the CloudFormation YAML parser does.

import { parseDocument, Pair, Scalar, YAMLMap, type Node, type Tags } from 'yaml';
import { TemplateError } from './errors';

/** CloudFormation's own limit on a template (body in S3) is 1 MB; larger text is refused before parsing. */
export const MAX_TEMPLATE_CHARS = 1_000_000;
/** Aliases allowed in one document: enough for shared anchors, far too few for a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 100;

/** Short tags with the long-form key they stand for. */
const FUNCTIONS: Record<string, string> = {
	GetAtt: 'Fn::GetAtt',
	Sub: 'Fn::Sub',
	Join: 'Fn::Join',
	Select: 'Fn::Select',
	If: 'Fn::If',
	Equals: 'Fn::Equals',
	Not: 'Fn::Not',
	And: 'Fn::And',
	Or: 'Fn::Or',
	FindInMap: 'Fn::FindInMap',
	GetAZs: 'Fn::GetAZs',
	Split: 'Fn::Split',
	Base64: 'Fn::Base64',
	ImportValue: 'Fn::ImportValue',
	Cidr: 'Fn::Cidr',
	Transform: 'Fn::Transform',
	Length: 'Fn::Length',
	ToJsonString: 'Fn::ToJsonString'
};

/** A one-key map node { key: node }, so anchors and nesting inside it still convert as YAML. */
function wrap(key: string) {
	return (node: unknown): Node => {
		const map = new YAMLMap();
		map.items.push(new Pair(new Scalar(key), node));
		return map;
	};
}

function cfnTags(): Tags {
	const tags: Tags = [
		{ tag: '!Ref', resolve: (s: string) => ({ Ref: s }) },
		{ tag: '!Condition', resolve: (s: string) => ({ Condition: s }) }
	];
	for (const [short, long] of Object.entries(FUNCTIONS)) {
		const tag = `!${short}`;
		// !GetAtt A.B is the scalar form of ["A", "B"] (the attribute may itself contain dots).
		const scalar =
			short === 'GetAtt'
				? (s: string) => {
						const dot = s.indexOf('.');
						return { [long]: dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)] };
					}
				: (s: string) => ({ [long]: s });
		tags.push({ tag, resolve: scalar });
		tags.push({ tag, collection: 'seq', resolve: wrap(long) });
		tags.push({ tag, collection: 'map', resolve: wrap(long) });
	}
	return tags;
}

const TAGS = cfnTags();

/** The template as a plain object, or a TemplateError saying why it is not one. */
export function parseTemplateText(text: string): Record<string, unknown> {
	if (text.length > MAX_TEMPLATE_CHARS) {
		throw new TemplateError(
			`the template is ${text.length} characters; at most ${MAX_TEMPLATE_CHARS} are read`
		);
	}
	const body = text.replace(/^\uFEFF/, '');
	let value: unknown;
	if (body.trimStart().startsWith('{')) {
		try {
			value = JSON.parse(body);
		} catch (e) {
			throw new TemplateError(`not valid JSON: ${(e as Error).message}`);
		}
	} else {
		const doc = parseDocument(body, { customTags: TAGS, uniqueKeys: true, prettyErrors: false });
		const problem = doc.errors[0] ?? doc.warnings[0];
		if (problem) {
			// prettyErrors off keeps the message short; say where from the error's own position instead.
			const offset = Math.min(problem.pos[0], body.length);
			const before = body.slice(0, offset);
			const line = before.split('\n').length;
			const where = ` (line ${line}, column ${offset - before.lastIndexOf('\n')})`;
			throw new TemplateError(`not a valid YAML template${where}: ${firstLine(problem.message)}`);
		}
		try {
			value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
		} catch (e) {
			// yaml's ReferenceError "Excessive alias count indicates a resource exhaustion attack".
			throw new TemplateError(`not a usable YAML template: ${firstLine((e as Error).message)}`);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new TemplateError('a template must be a YAML or JSON object with a Resources section');
	}
	return value as Record<string, unknown>;
}

function firstLine(message: string): string {
	return message.split('\n')[0] ?? message;
}
