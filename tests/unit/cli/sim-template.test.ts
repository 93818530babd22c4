// npm run sim -- template.yaml (#17): a CloudFormation/SAM template runs like a scenario, nodes named by the
// template's logical ids; --param and --load reach the importer; bad templates are one clear line and exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = resolve('node_modules', '.bin', 'tsx');
const cli = resolve('src', 'cli', 'sim.ts');
const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8' });

function file(name: string, text: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'sim-cfn-')), name);
	writeFileSync(path, text);
	return path;
}

const QUEUE_TEMPLATE = `Parameters:
  Timeout:
    Type: Number
    Default: 30
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Timeout
  Role:
    Type: AWS::IAM::Role
    Properties: {}
`;

describe('npm run sim -- template', () => {
	it('runs a template, prints the summary by logical id and lists what it left out on stderr', () => {
		const r = run(file('stack.yaml', QUEUE_TEMPLATE), '--until', '5s');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^Jobs\s+\d+/m);
		expect(r.stdout).toMatch(/^JobsProducer\s+\d+/m);
		expect(r.stderr).toMatch(/ignored Role \(AWS::IAM::Role\)/);
		expect(r.stderr).toMatch(/entry points with a default producer: Jobs/);
	});

	it('--load sets the entry point producer rate and --json carries the import report', () => {
		const path = file('stack.yaml', QUEUE_TEMPLATE);
		const slow = JSON.parse(run(path, '--until', '10s', '--json', '--load', 'Jobs=2').stdout);
		const fast = JSON.parse(run(path, '--until', '10s', '--json', '--load', 'Jobs=20').stdout);
		const sent = (o: { nodes: { node: string; sent: number }[] }) =>
			o.nodes.find((n) => n.node === 'Jobs')!.sent;
		expect(sent(fast)).toBeGreaterThan(sent(slow) * 5);
		expect(slow.template.entryPoints).toEqual(['Jobs']);
		expect(slow.template.ignored.map((i: { logicalId: string }) => i.logicalId)).toEqual(['Role']);
	});

	it('--param overrides a parameter default, and a JSON template is recognised by its Resources', () => {
		const json = file(
			'stack.json',
			JSON.stringify({
				Parameters: { Name: { Type: 'String', Default: 'a' } },
				Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Name' } } } }
			})
		);
		expect(run(json, '--until', '2s', '--param', 'Name=b').status).toBe(0);
		const bad = run(json, '--param', 'Nope');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/--param must be Name=Value/);
	});

	it('a reference to a missing resource is one line naming the resource and property, exit 2', () => {
		const r = run(
			file(
				'broken.yaml',
				'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Missing.Arn\n        maxReceiveCount: 3\n'
			)
		);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^sim: invalid template .*broken\.yaml: Q\.RedrivePolicy/);
		expect(r.stderr).toMatch(/Missing/);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('text that is neither YAML nor JSON is a clear error, and --load does not apply to scenarios', () => {
		const r = run(file('junk.yaml', 'Resources: [unclosed\n  - : :'));
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/^sim: invalid template/);
		const s = run('scenarios/sqs-standard-duplicates.json', '--load', 'q=5');
		expect(s.status).toBe(2);
		expect(s.stderr).toMatch(/--param and --load apply to templates/);
	});
});

describe('npm run sim -- findings from AWS guidance (#17)', () => {
	it('ESM-SQS-2 / SQS-DLQ-3: the table is followed by the findings with why, fix and the AWS page; --json has them', () => {
		const r = run('templates/order-fanout.yaml', '--until', '2s');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(
			/^ {2}warning BigOrdersQueue: BigOrdersQueue's VisibilityTimeout \(60 s\) is under six times BigWorker's timeout$/m
		);
		expect(r.stdout).toMatch(/^ {4}Fix: Set BigOrdersQueue's VisibilityTimeout to at least 182 s/m);
		expect(r.stdout).toMatch(
			/^ {4}See: https:\/\/docs\.aws\.amazon\.com\/lambda\/latest\/dg\/services-sqs-configure\.html$/m
		);
		const json = JSON.parse(run('templates/order-fanout.yaml', '--until', '2s', '--json').stdout) as {
			findings: { kind: string; severity: string; node: string; rule: string; related: string[] }[];
		};
		expect(json.findings.map((f) => `${f.severity} ${f.kind} ${f.node}`)).toEqual([
			'warning max-receive-count EuOrdersQueue',
			'warning visibility-timeout BigOrdersQueue',
			'warning max-receive-count BigOrdersQueue',
			'warning dlq-retention BigOrdersDlq',
			'info no-dlq OrdersTopic',
			'info no-dlq OrdersTopic'
		]);
		expect(json.findings[1]).toMatchObject({ rule: 'ESM-SQS-2', related: ['BigWorker'] });
	});
	it('findings run on ordinary scenarios and in a seed sweep too (ESM-SQS-3)', () => {
		const single = run('scenarios/sqs-poison-dlq.json', '--until', '2s');
		expect(single.stdout).toMatch(/warning payments: payments's maxReceiveCount \(3\) is below 5/);
		const sweep = JSON.parse(
			run('scenarios/sqs-poison-dlq.json', '--until', '2s', '--seeds', '1-2', '--threads', '1', '--json')
				.stdout
		) as { findings: { kind: string; node: string }[] };
		expect(sweep.findings).toEqual([
			expect.objectContaining({ kind: 'max-receive-count', node: 'payments' })
		]);
	});
});
