// Template text: YAML with CloudFormation's short tags, JSON, and the input the importer refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTemplate, MAX_TEMPLATE_CHARS, parseTemplateText } from '$lib/cfn';
import { importError, node } from './helpers';

describe('parseTemplateText', () => {
	it('turns every short tag into its long form', () => {
		const doc = parseTemplateText(
			[
				'a: !Ref X',
				'b: !GetAtt Q.Arn',
				'c: !GetAtt [Q, QueueUrl]',
				'd: !Sub "${AWS::Region}-x"',
				'e: !Sub ["${v}", { v: !Ref X }]',
				'f: !Join ["-", [a, !Ref X]]',
				'g: !Select [0, !Split [",", "a,b"]]',
				'h: !If [C, 1, 2]',
				'i: !Equals [a, b]',
				'j: !Not [!Condition C]',
				'k: !And [!Condition C, !Or [!Condition D, !Condition E]]',
				'l: !FindInMap [M, a, b]',
				'm: !GetAZs ""',
				'n: !Base64 text',
				'o: !ImportValue other',
				'p: !GetAtt Fn.Outputs.Nested'
			].join('\n')
		);
		expect(doc).toEqual({
			a: { Ref: 'X' },
			b: { 'Fn::GetAtt': ['Q', 'Arn'] },
			c: { 'Fn::GetAtt': ['Q', 'QueueUrl'] },
			d: { 'Fn::Sub': '${AWS::Region}-x' },
			e: { 'Fn::Sub': ['${v}', { v: { Ref: 'X' } }] },
			f: { 'Fn::Join': ['-', ['a', { Ref: 'X' }]] },
			g: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
			h: { 'Fn::If': ['C', 1, 2] },
			i: { 'Fn::Equals': ['a', 'b'] },
			j: { 'Fn::Not': [{ Condition: 'C' }] },
			k: { 'Fn::And': [{ Condition: 'C' }, { 'Fn::Or': [{ Condition: 'D' }, { Condition: 'E' }] }] },
			l: { 'Fn::FindInMap': ['M', 'a', 'b'] },
			m: { 'Fn::GetAZs': '' },
			n: { 'Fn::Base64': 'text' },
			o: { 'Fn::ImportValue': 'other' },
			p: { 'Fn::GetAtt': ['Fn', 'Outputs.Nested'] }
		});
	});

	it('keeps anchors and aliases within the limit', () => {
		expect(parseTemplateText('a: &x [1, 2]\nb: *x\n')).toEqual({ a: [1, 2], b: [1, 2] });
	});

	it('reads JSON templates', () => {
		const r = importTemplate(readFileSync('tests/fixtures/cfn/queue-and-topic.json', 'utf8'));
		expect(node(r, 'Queue')).toMatchObject({ type: 'sqs-queue', VisibilityTimeout: 45 });
		expect(node(r, 'Topic')['Subscriptions']).toEqual([{ Protocol: 'sqs', Endpoint: 'Queue' }]);
		expect(r.scenario.name).toBe('JSON template');
	});
});

describe('input the importer refuses', () => {
	it('text that is neither YAML nor JSON', () => {
		expect(importError('Resources: [unclosed').message).toMatch(/not a valid YAML template/);
		expect(importError('{"Resources": ').message).toMatch(/not valid JSON/);
		expect(importError('just a string').message).toMatch(/must be a YAML or JSON object/);
		expect(importError('- a\n- b').message).toMatch(/must be a YAML or JSON object/);
	});

	it('a YAML bomb (aliases beyond maxAliasCount)', () => {
		const e = importError(readFileSync('tests/fixtures/cfn/yaml-bomb.yaml', 'utf8'));
		expect(e.message).toMatch(/alias/i);
	});

	it('text over the size limit', () => {
		const e = importError(`# ${'x'.repeat(MAX_TEMPLATE_CHARS)}\nResources: {}`);
		expect(e.message).toMatch(/at most 1000000/);
	});

	it('an unknown tag, a short tag on the wrong kind of node, duplicate keys', () => {
		expect(importError('Resources:\n  Q:\n    Type: !Foo x\n').message).toMatch(/Unresolved tag: !Foo/);
		expect(importError('Resources:\n  Q:\n    Type: !Ref [a]\n').message).toMatch(/Unresolved tag: !Ref/);
		expect(
			importError('Resources:\n  Q: {Type: AWS::SQS::Queue}\n  Q: {Type: AWS::SQS::Queue}\n').message
		).toMatch(/not a valid YAML template/);
	});

	it('a template without resources, or with a malformed resource', () => {
		expect(importError('Description: x').message).toMatch(/no Resources/);
		const e = importError('Resources:\n  Q: { Properties: {} }\n');
		expect([e.logicalId, e.property]).toEqual(['Q', 'Type']);
	});

	it('a transform other than SAM', () => {
		const e = importError('Transform: AWS::LanguageExtensions\nResources:\n  Q: { Type: AWS::SQS::Queue }\n');
		expect(e.property).toBe('Transform');
	});
});
