// Second pass over LocalStack's real-AWS filter-policy recordings
// (tests/aws/services/sns/test_sns_filter_policy.snapshot.json, validated tests): Subscribe with an invalid
// FilterPolicy fails with InvalidParameter and the recorded first line (SNS-FP-17).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	return undefined;
}

const R = 'Invalid parameter: Attributes Reason: FilterPolicy: ';

function subscribeWith(policy: unknown, scope?: string) {
	const sb = createSandbox({ seed: 17 });
	const { TopicArn } = sb.sns.createTopic({ Name: 'topic' });
	return () =>
		sb.sns.subscribe({
			TopicArn,
			Protocol: 'sms',
			Endpoint: '+123123123',
			Attributes: {
				FilterPolicy: JSON.stringify(policy),
				...(scope !== undefined ? { FilterPolicyScope: scope } : {})
			}
		});
}

function expectRefused(policy: unknown, reason: string, scope?: string) {
	const e = errorOf(subscribeWith(policy, scope));
	expect(e?.name, JSON.stringify(policy)).toBe('InvalidParameterException');
	expect(e?.message.split('\n')[0], JSON.stringify(policy)).toBe(`${R}${reason}`);
}

describe('SNS-FP-17 invalid policies as recorded', () => {
	it('SNS-FP-17: nested lists, unknown operators and two operators in one match', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy
		expectRefused({ key: [['value']] }, 'Match value must be String, number, true, false, or null');
		expectRefused({ key: [{ 'wrong-operator': true }] }, 'Unrecognized match type wrong-operator');
		expectRefused(
			{ key: [{ suffix: 'value', prefix: 'value2' }] },
			'Only one key allowed in match expression'
		);
	});

	it('SNS-FP-17: string operators (empty arrays, suffix types, objects in place of arrays, cidr)', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_string_operators
		const cases: [unknown, string][] = [
			[{ key: [] }, 'Empty arrays are not allowed'],
			[{ key: [{ suffix: 100 }] }, 'suffix match pattern must be a string'],
			[{ key: [{ suffix: null }] }, 'suffix match pattern must be a string'],
			[{ key: { suffix: 'value' } }, '"suffix" must be an object or an array'],
			[{ key: [{ suffix: [] }] }, 'suffix match pattern must be a string'],
			[{ key: [{ suffix: ['test', 'test2'] }] }, 'suffix match pattern must be a string'],
			[{ key: { suffix: 'value', prefix: 'value' } }, '"suffix" must be an object or an array'],
			[{ key: { 'not-an-operator': 'value' } }, '"not-an-operator" must be an object or an array'],
			[{ key: [{ cidr: ['bad-filter'] }] }, 'prefix match pattern must be a string'],
			[{ key: [{ cidr: 'bad-filter' }] }, "Malformed CIDR, one '/' required"],
			[{ key: [{ cidr: 'bad-filter/64' }] }, 'Nonstandard IP address: bad-filter'],
			[{ key: [{ cidr: 'bad-/64filter' }] }, 'Malformed CIDR, mask bits must be an integer'],
			[{ key: [{ cidr: 'xx.11.xx/8' }] }, 'Nonstandard IP address: xx.11.xx'],
			[{ key: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] }, 'Nonstandard IP address: xxxx:db8:1234:1a00::']
		];
		for (const [policy, reason] of cases) expectRefused(policy, reason);
	});

	it('SNS-FP-7: numeric match expressions are refused with the recorded reasons', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_numeric_operator
		const cases: [unknown[], string][] = [
			[[], 'Invalid member in numeric match: ]'],
			[['operator'], 'Unrecognized numeric range operator: operator'],
			[[1, '<='], 'Invalid member in numeric match: 1'],
			[['=', '000'], 'Value of equals must be numeric'],
			[['>='], 'Value of >= must be numeric'],
			[['<', 100, '>', 10], 'Too many elements in numeric expression'],
			[['>=', 1, '>', 2], 'Bad numeric range operator: >'],
			[['>', 3, '<', 1], 'Bottom must be less than top'],
			[['>', 20, '<='], 'Value of <= must be numeric'],
			[['>', 20, 30], 'Bad value in numeric range: 30'],
			[['>', 20, 'test'], 'Bad numeric range operator: test'],
			[['>', '20', '<', '30'], 'Value of > must be numeric'],
			[['>', 20, '<', '30'], 'Value of < must be numeric'],
			[['>', 20, '<', 30, '<', 50], 'Too many terms in numeric range expression']
		];
		for (const [numeric, reason] of cases) expectRefused({ key: [{ numeric }] }, reason);
	});

	it('SNS-FP-12: exists takes only true or false', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_exists_operator
		for (const exists of [null, 'no']) {
			expectRefused({ key: [{ exists }] }, 'exists match pattern must be either true or false.');
		}
	});

	it('SNS-FP-8: anything-but nests only prefix (a string); suffix and exists are unsupported', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_nested_anything_but_operator
		// The recording refuses {"anything-but": {"suffix": ...}}, which SEMANTICS.md SNS-FP-8 lists as an
		// (unverified) form.
		expectRefused(
			{ key: [{ 'anything-but': { 'wrong-operator': null } }] },
			'Unsupported anything-but pattern: wrong-operator'
		);
		expectRefused(
			{ key: [{ 'anything-but': { suffix: 'test' } }] },
			'Unsupported anything-but pattern: suffix'
		);
		expectRefused(
			{ key: [{ 'anything-but': { exists: false } }] },
			'Unsupported anything-but pattern: exists'
		);
		expectRefused({ key: [{ 'anything-but': { prefix: false } }] }, 'prefix match pattern must be a string');
		const sb = createSandbox({ seed: 17 });
		const { TopicArn } = sb.sns.createTopic({ Name: 'topic' });
		const { SubscriptionArn } = sb.sns.subscribe({
			TopicArn,
			Protocol: 'sms',
			Endpoint: '+123123123',
			Attributes: { FilterPolicy: JSON.stringify({ key: [{ 'anything-but': { prefix: 'test-' } }] }) }
		});
		expect(SubscriptionArn).toMatch(/^arn:aws:sns:/);
		for (const p of [
			{ key: [{ 'anything-but': ['test', 'test2'] }] },
			{ key: [{ 'anything-but': 'test' }] }
		]) {
			expect(
				sb.sns.setSubscriptionAttributes({
					SubscriptionArn,
					AttributeName: 'FilterPolicy',
					AttributeValue: JSON.stringify(p)
				}).$metadata.httpStatusCode
			).toBe(200);
		}
	});

	it('SNS-FP-17: more than 150 combinations or more than 5 keys is refused', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_policy_complexity
		const values = (n: number) => Array.from({ length: n }, (_, i) => `value${i}`);
		expectRefused({ key: values(151) }, 'Filter policy is too complex');
		expectRefused({ key1: values(100), key2: values(51) }, 'Filter policy is too complex');
		expectRefused(
			{
				key1: ['value1'],
				key2: ['value2'],
				key3: ['value3'],
				key4: ['value4'],
				key5: ['value5'],
				key6: ['value6']
			},
			'Filter policy can not have more than 5 keys'
		);
	});

	it('SNS-FP-14: $or branches add up their combinations; 152 and 160 are too complex, 150 is accepted', () => {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_policy_complexity_with_or
		expectRefused(
			{
				source: ['aws.cloudwatch', 'aws.events', 'aws.test', 'aws.test2'],
				$or: [
					{ metricName: ['CPUUtilization', 'ReadLatency', 't1', 't2', 't3', 't4'] },
					{
						metricType: ['MetricType', 'TestType', 'TestType2', 'TestType3'],
						$or: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4] }]
					}
				]
			},
			'Filter policy is too complex',
			'MessageAttributes'
		);
		expectRefused(
			{
				$or: [
					{ metricName: ['CPUUtilization', 'ReadLatency', 'TestValue'] },
					{ namespace: ['AWS/EC2', 'AWS/ES'] }
				],
				detail: {
					scope: ['Service', 'Test'],
					$or: [
						{ source: ['aws.cloudwatch'] },
						{ type: ['CloudWatch Alarm State Change', 'TestValue', 'TestValue2'] }
					]
				}
			},
			'Filter policy is too complex',
			'MessageBody'
		);
		const ok = subscribeWith(
			{
				source: ['aws.cloudwatch', 'aws.events', 'aws.test'],
				$or: [
					{ metricName: ['CPUUtilization', 'ReadLatency', 'TestVal', 'TestVal2', 'TestVal3', 'TestVal4'] },
					{
						metricType: ['MetricType', 'TestType', 'TestType2', 'TestType3'],
						$or: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }]
					}
				]
			},
			'MessageAttributes'
		)();
		expect(ok.SubscriptionArn).toMatch(/^arn:aws:sns:/);
	});
});
