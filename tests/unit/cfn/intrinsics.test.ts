// Intrinsic functions, parameters, pseudo parameters and conditions, and the references the importer refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '$lib/cfn';
import { importError, node, template } from './helpers';

/** The value under test, carried as an https subscription's Endpoint (a string the scenario keeps as is). */
function queueNamed(value: unknown, extra: Record<string, unknown> = {}, options = {}): unknown {
	const r = importTemplate(
		template(
			{
				T: { Type: 'AWS::SNS::Topic', Properties: { Subscription: [{ Protocol: 'https', Endpoint: value }] } }
			},
			extra
		),
		options
	);
	return (node(r, 'T')['Subscriptions'] as { Endpoint: string }[])[0]?.Endpoint;
}

describe('Ref and pseudo parameters', () => {
	it('Ref to a parameter takes its Default, or the override', () => {
		const params = { Parameters: { Env: { Type: 'String', Default: 'dev' } } };
		expect(queueNamed({ Ref: 'Env' }, params)).toBe('dev');
		expect(queueNamed({ Ref: 'Env' }, params, { params: { Env: 'prod' } })).toBe('prod');
	});

	it('a parameter without Default or override is an error naming it', () => {
		const e = importError(
			template({ Q: { Type: 'AWS::SQS::Queue' } }, { Parameters: { Env: { Type: 'String' } } })
		);
		expect(e.logicalId).toBe('Env');
		expect(e.message).toMatch(/no Default/);
	});

	it('an override outside AllowedValues, or of no parameter, is an error', () => {
		const params = {
			Parameters: { Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } }
		};
		expect(
			importError(template({ Q: { Type: 'AWS::SQS::Queue' } }, params), { params: { Env: 'qa' } }).property
		).toBe('AllowedValues');
		expect(
			importError(template({ Q: { Type: 'AWS::SQS::Queue' } }), { params: { Nope: 'x' } }).logicalId
		).toBe('Nope');
	});

	it('an SSM parameter needs its value in options.params', () => {
		const params = {
			Parameters: { Size: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/size' } }
		};
		expect(importError(template({ Q: { Type: 'AWS::SQS::Queue' } }, params)).message).toMatch(
			/options\.params\.Size/
		);
		expect(queueNamed({ Ref: 'Size' }, params, { params: { Size: '12' } })).toBe('12');
	});

	it('a List parameter splits on commas', () => {
		const params = { Parameters: { Names: { Type: 'CommaDelimitedList', Default: 'a, b,c' } } };
		expect(queueNamed({ 'Fn::Join': ['+', { Ref: 'Names' }] }, params)).toBe('a+b+c');
		expect(queueNamed({ 'Fn::Sub': '${Names}' }, params)).toBe('a,b,c');
	});

	it('pseudo parameters have fixed, deterministic values', () => {
		expect(
			queueNamed({
				'Fn::Join': [
					'_',
					[
						{ Ref: 'AWS::Region' },
						{ Ref: 'AWS::AccountId' },
						{ Ref: 'AWS::StackName' },
						{ Ref: 'AWS::Partition' },
						{ 'Fn::Select': [0, { 'Fn::Split': ['.', { Ref: 'AWS::URLSuffix' }] }] }
					]
				]
			})
		).toBe('us-east-1_000000000000_stack_aws_amazonaws');
		const r = importTemplate(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'AWS::StackName' } } } }),
			{ stackName: 'shop' }
		);
		expect(node(r, 'Q')['QueueName']).toBe('shop');
	});

	it('AWS::NoValue removes the property', () => {
		const r = importTemplate(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: { Ref: 'AWS::NoValue' } } } })
		);
		expect(node(r, 'Q')).not.toHaveProperty('VisibilityTimeout');
	});

	it('Ref and GetAtt of resources resolve to node ids in reference fields', () => {
		const r = importTemplate(
			template({
				Dlq: { Type: 'AWS::SQS::Queue' },
				ByArn: {
					Type: 'AWS::SQS::Queue',
					Properties: {
						RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 2 }
					}
				},
				ByUrl: {
					Type: 'AWS::SQS::Queue',
					Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: 'Dlq' }, maxReceiveCount: 2 } }
				},
				ByHand: {
					Type: 'AWS::SQS::Queue',
					Properties: {
						RedrivePolicy: {
							deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:Dlq',
							maxReceiveCount: 2
						}
					}
				}
			})
		);
		for (const id of ['ByArn', 'ByUrl', 'ByHand']) {
			expect(node(r, id)['RedrivePolicy']).toEqual({ deadLetterTargetArn: 'Dlq', maxReceiveCount: 2 });
		}
	});
});

describe('functions', () => {
	const withMap = {
		Mappings: { Names: { dev: { queue: 'dev-q' } } },
		Parameters: { Env: { Type: 'String', Default: 'dev' } }
	};

	it('Fn::Sub with ${Param}, ${Res}, ${Res.Attr}, its own variables and ${!Literal}', () => {
		const r = importTemplate(
			template(
				{
					A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'alpha' } },
					B: {
						Type: 'AWS::SNS::Topic',
						Properties: { TopicName: { 'Fn::Sub': ['${Env}-${A.QueueName}-${v}', { v: { Ref: 'Env' } }] } }
					},
					C: {
						Type: 'AWS::Kinesis::Stream',
						Properties: { Name: { 'Fn::Sub': '${AWS::Region}.${B.TopicName}' } }
					}
				},
				withMap
			)
		);
		expect(node(r, 'B')['TopicName']).toBe('dev-alpha-dev');
		expect(node(r, 'C')['StreamName']).toBe('us-east-1.dev-alpha-dev');
		expect(queueNamed({ 'Fn::Sub': 'a${!Literal}' })).toBe('a${Literal}');
	});

	it('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::GetAZs, Fn::Base64', () => {
		expect(queueNamed({ 'Fn::Join': ['-', ['a', 'b', 'c']] })).toBe('a-b-c');
		expect(queueNamed({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
		expect(queueNamed({ 'Fn::Select': [2, { 'Fn::Split': ['|', 'x|y|z'] }] })).toBe('z');
		expect(queueNamed({ 'Fn::FindInMap': ['Names', { Ref: 'Env' }, 'queue'] }, withMap)).toBe('dev-q');
		expect(queueNamed({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toBe('us-east-1a');
		expect(queueNamed({ 'Fn::Select': [1, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] })).toBe('us-east-1b');
		expect(queueNamed({ 'Fn::Base64': 'hi é' })).toBe('aGkgw6k=');
	});

	it('Fn::FindInMap of a missing key is an error naming resource and property', () => {
		const e = importError(
			template(
				{
					Q: {
						Type: 'AWS::SQS::Queue',
						Properties: { QueueName: { 'Fn::FindInMap': ['Names', 'prod', 'queue'] } }
					}
				},
				withMap
			)
		);
		expect([e.logicalId, e.property]).toEqual(['Q', 'QueueName']);
		expect(e.message).toMatch(/no top-level key 'prod'/);
	});

	it('Fn::Select out of range is an error', () => {
		expect(
			importError(
				template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Select': [5, ['a']] } } } })
			).property
		).toBe('QueueName');
	});
});

describe('conditions', () => {
	const conditions = {
		Parameters: { Env: { Type: 'String', Default: 'dev' } },
		Conditions: {
			IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
			IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
			Both: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['1', 1] }] },
			Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'Both' }] }
		}
	};

	it('Fn::If picks by an evaluated condition (Equals, Not, And, Or, Condition)', () => {
		const pick = (c: string, options = {}) => queueNamed({ 'Fn::If': [c, 'yes', 'no'] }, conditions, options);
		expect([pick('IsProd'), pick('IsDev'), pick('Both'), pick('Either')]).toEqual([
			'no',
			'yes',
			'yes',
			'yes'
		]);
		expect(pick('IsProd', { params: { Env: 'prod' } })).toBe('yes');
		expect(pick('Both', { params: { Env: 'prod' } })).toBe('no');
	});

	it('a resource whose condition is false is left out and listed as ignored with the reason', () => {
		const r = importTemplate(
			template(
				{ Q: { Type: 'AWS::SQS::Queue' }, P: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' } },
				conditions
			)
		);
		expect(r.scenario.nodes.map((n) => n.id)).not.toContain('P');
		expect(r.ignored).toContainEqual({
			logicalId: 'P',
			type: 'AWS::SQS::Queue',
			reason: 'left out: condition IsProd is false'
		});
	});

	it('a reference to a resource left out by its condition is an error; the untaken If branch is not', () => {
		const resources = (value: unknown) => ({
			P: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
			Q: {
				Type: 'AWS::SQS::Queue',
				Properties: { RedrivePolicy: { deadLetterTargetArn: value, maxReceiveCount: 1 } }
			}
		});
		const e = importError(template(resources({ 'Fn::GetAtt': ['P', 'Arn'] }), conditions));
		expect([e.logicalId, e.property]).toEqual(['Q', 'RedrivePolicy.deadLetterTargetArn']);
		const ok = importTemplate(
			template(
				resources({ 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['P', 'Arn'] }, { Ref: 'AWS::NoValue' }] }),
				conditions
			)
		);
		expect(node(ok, 'Q')).not.toHaveProperty('RedrivePolicy.deadLetterTargetArn');
	});

	it('a condition may not refer to a resource', () => {
		const e = importError(
			template(
				{ Q: { Type: 'AWS::SQS::Queue', Condition: 'C' } },
				{ Conditions: { C: { 'Fn::Equals': [{ Ref: 'Q' }, 'x'] } } }
			)
		);
		expect([e.logicalId, e.message.includes("cannot refer to the resource 'Q'")]).toEqual(['C', true]);
	});

	it('an undefined or circular condition is an error', () => {
		expect(importError(template({ Q: { Type: 'AWS::SQS::Queue', Condition: 'Nope' } })).message).toMatch(
			/not defined/
		);
		const loop = { Conditions: { A: { Condition: 'B' }, B: { 'Fn::Not': [{ Condition: 'A' }] } } };
		expect(importError(template({ Q: { Type: 'AWS::SQS::Queue', Condition: 'A' } }, loop)).message).toMatch(
			/circular dependency between conditions: A → B → A/
		);
	});
});

describe('references the importer refuses', () => {
	it('a Ref or GetAtt to a missing resource or parameter names resource and property', () => {
		const ref = importError(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Nope' } } } })
		);
		expect([ref.logicalId, ref.property]).toEqual(['Q', 'QueueName']);
		expect(ref.message).toMatch(/'Nope'/);
		const att = importError(
			template({
				Q: {
					Type: 'AWS::SQS::Queue',
					Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Gone', 'Arn'] } } }
				}
			})
		);
		expect([att.logicalId, att.property]).toEqual(['Q', 'RedrivePolicy.deadLetterTargetArn']);
		const sub = importError(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'x-${Missing}' } } } })
		);
		expect(sub.property).toBe('QueueName');
	});

	it('an attribute the resource type does not have', () => {
		const e = importError(
			template({
				D: { Type: 'AWS::SQS::Queue' },
				Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['D', 'Nope'] } } }
			})
		);
		expect([e.logicalId, e.property]).toEqual(['Q', 'QueueName']);
		expect(e.message).toMatch(/no attribute 'Nope'/);
	});

	it('unsupported intrinsics name resource and property', () => {
		for (const fn of ['Fn::ImportValue', 'Fn::Transform', 'Fn::Cidr', 'Fn::NoSuch']) {
			const e = importError(
				template({ Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: { [fn]: 'x' } } } })
			);
			expect([e.logicalId, e.property, e.message.includes(fn)]).toEqual(['Q', 'VisibilityTimeout', true]);
		}
		const az = importError(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAZs': 'eu-west-1' } } } })
		);
		expect(az.property).toBe('QueueName');
		const eq = importError(
			template({ Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: { 'Fn::Equals': ['a', 'a'] } } } })
		);
		expect(eq.message).toMatch(/only in Conditions/);
	});

	it('a cycle of GetAtt references is an error naming the cycle', () => {
		const e = importError(readFileSync('tests/fixtures/cfn/cycle.yaml', 'utf8'));
		expect(e.message).toMatch(/circular dependency between resources: A → B → A/);
		expect([e.logicalId, e.property]).toEqual(['A', 'RedrivePolicy.deadLetterTargetArn']);
	});

	it('a DependsOn cycle, a self-reference and a DependsOn of no resource are errors', () => {
		const e = importError(
			template({
				A: { Type: 'AWS::SQS::Queue', DependsOn: 'B' },
				B: { Type: 'AWS::SQS::Queue', DependsOn: ['C'] },
				C: { Type: 'AWS::IAM::Role', DependsOn: 'A' }
			})
		);
		expect(e.message).toMatch(/A → B → C → A/);
		expect(e.property).toBe('DependsOn');
		const self = importError(
			template({
				A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } }
			})
		);
		expect(self.message).toMatch(/A → A/);
		expect(importError(template({ A: { Type: 'AWS::SQS::Queue', DependsOn: 'Z' } })).property).toBe(
			'DependsOn'
		);
	});
});
