import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = resolve('node_modules', '.bin', 'tsx');
const cli = resolve('src', 'cli', 'sim.ts');
const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8' });
/** Run with another working directory, for relative paths. */
const runIn = (cwd: string, ...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', cwd });

const tmp = () => mkdtempSync(join(tmpdir(), 'sim-'));

/** A small scenario: a producer sending 5 messages a second to a queue with a consumer. */
const small = (durationMs: number) => ({
	version: 1,
	name: 'small',
	seed: 3,
	durationMs,
	nodes: [
		{ id: 'q', type: 'sqs-queue' },
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 5 } },
		{ id: 'c', type: 'consumer', source: 'q' }
	]
});

/** A file problem is one line on stderr, exit code 2, and no stack trace. */
function expectFileProblem(r: ReturnType<typeof run>, line: string): void {
	expect(r.stderr).toBe(`sim: ${line}\n`);
	expect(r.status).toBe(2);
	expect(r.stdout).toBe('');
}

describe('headless CLI (npm run sim)', () => {
	it('runs a sample scenario and prints a per-node summary table', () => {
		const r = run('scenarios/sqs-standard-duplicates.json', '--until', '30s');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(
			/node\s+sent\s+received\s+deleted\s+dup delivered\s+out of order\s+dead-lettered\s+expired/
		);
		expect(r.stdout).toMatch(/^orders\s+\d+/m);
		expect(r.stdout).toMatch(/30s simulated/);
	});

	it('--json gives machine-readable output with a trace hash that --seed changes', () => {
		const a = JSON.parse(
			execFileSync(
				tsx,
				['src/cli/sim.ts', 'scenarios/sqs-standard-duplicates.json', '--until', '20s', '--json'],
				{ encoding: 'utf8' }
			)
		);
		const b = JSON.parse(
			execFileSync(
				tsx,
				[
					'src/cli/sim.ts',
					'scenarios/sqs-standard-duplicates.json',
					'--until',
					'20s',
					'--json',
					'--seed',
					'7'
				],
				{ encoding: 'utf8' }
			)
		);
		expect(a.traceHash).toMatch(/^[0-9a-f]{32}$/);
		expect(a.nodes.find((n: { node: string }) => n.node === 'orders').sent).toBeGreaterThan(0);
		expect(b.seed).toBe(7);
		expect(b.traceHash).not.toBe(a.traceHash);
	});

	it('--trace writes JSON lines', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sim-'));
		const out = join(dir, 't.jsonl');
		expect(run('scenarios/sqs-standard-duplicates.json', '--until', '5s', '--trace', out).status).toBe(0);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines.length).toBeGreaterThan(5);
		expect(JSON.parse(lines[0] as string)).toMatchObject({ i: 0, t: 0 });
	});

	it('exits non-zero with a path-precise message on an invalid scenario', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sim-'));
		const bad = join(dir, 'bad.json');
		writeFileSync(
			bad,
			JSON.stringify({
				version: 1,
				name: 'x',
				seed: 1,
				durationMs: 1000,
				nodes: [{ id: 'q', type: 'sqs-queue', VisibilityTimeout: 99999 }]
			})
		);
		const r = run(bad);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toContain('nodes[0].VisibilityTimeout: must be 0–43200 seconds');
	});

	it('exits non-zero on a missing file or a bad option', () => {
		const r = run('no/such/file.json');
		expect(r.status).not.toBe(0);
		expect(r.stderr).toContain('no such file: no/such/file.json');
		const u = run('scenarios/sqs-standard-duplicates.json', '--until', 'soon');
		expect(u.status).not.toBe(0);
		expect(u.stderr).toContain('--until must be a duration');
	});

	it("--until past the scenario's durationMs runs to that time, as a longer scenario would", () => {
		const dir = tmp();
		writeFileSync(join(dir, 'short.json'), JSON.stringify(small(2000)));
		writeFileSync(join(dir, 'long.json'), JSON.stringify(small(5000)));
		const out = join(dir, 't.jsonl');
		const r = run(join(dir, 'short.json'), '--until', '5s', '--json', '--trace', out);
		expect(r.status).toBe(0);
		const past = JSON.parse(r.stdout);
		expect(past.untilMs).toBe(5000);
		const last = JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop() as string);
		expect(last.t).toBeGreaterThan(2000);
		// The same run as the scenario that lasts 5 s, event for event.
		const long = JSON.parse(run(join(dir, 'long.json'), '--json').stdout);
		expect(past.traceHash).toBe(long.traceHash);
		expect(past.events).toBe(long.events);
		const shorter = JSON.parse(run(join(dir, 'short.json'), '--json').stdout);
		expect(shorter.untilMs).toBe(2000);
		expect(shorter.events).toBeLessThan(past.events);
		expect(run(join(dir, 'short.json'), '--until', '5s').stdout).toMatch(/5s simulated/);
	});

	it('file problems are one line naming the file, exit 2, no stack trace', () => {
		expectFileProblem(run('scenarios'), 'cannot read scenarios: is a directory, not a scenario file');
		expectFileProblem(run('no/such/file.json'), 'no such file: no/such/file.json');
		expectFileProblem(
			run('scenarios/sqs-poison-dlq.json/x.json'),
			'cannot read scenarios/sqs-poison-dlq.json/x.json: a part of the path is not a directory'
		);
		const dir = tmp();
		const scenario = 'scenarios/sqs-poison-dlq.json';
		expectFileProblem(run(scenario, '--trace', dir), `cannot write trace file ${dir}: is a directory`);
		expectFileProblem(
			run(scenario, '--trace', join(dir, 'missing', 't.jsonl')),
			`cannot write trace file ${join(dir, 'missing', 't.jsonl')}: no such directory`
		);
		expectFileProblem(
			run(scenario, '--trace', `${scenario}/t.jsonl`),
			`cannot write trace file ${scenario}/t.jsonl: a part of the path is not a directory`
		);
	});

	it('--trace refuses to overwrite the scenario it reads: same path, ./ path, symlink or hard link', () => {
		const dir = tmp();
		const text = readFileSync('scenarios/sqs-poison-dlq.json', 'utf8');
		writeFileSync(join(dir, 'x.json'), text);
		symlinkSync(join(dir, 'x.json'), join(dir, 'link.jsonl'));
		linkSync(join(dir, 'x.json'), join(dir, 'hard.jsonl'));
		mkdirSync(join(dir, 'sub'));
		for (const trace of ['x.json', './x.json', 'link.jsonl', 'hard.jsonl', 'sub/../x.json']) {
			expectFileProblem(
				runIn(dir, 'x.json', '--until', '1s', '--trace', trace),
				`--trace ${trace} is the scenario file x.json; refusing to overwrite it`
			);
		}
		expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe(text);
		// Another file in the same place is fine.
		expect(runIn(dir, 'x.json', '--until', '1s', '--trace', 'sub/t.jsonl').status).toBe(0);
	});

	it('accepts a scenario file that starts with a UTF-8 byte-order mark', () => {
		const dir = tmp();
		const file = join(dir, 'bom.json');
		writeFileSync(
			file,
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync('scenarios/sqs-poison-dlq.json')])
		);
		const r = run(file, '--until', '5s');
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^Poison message to a dead-letter queue — seed \d+, 5s simulated/);
	});

	it('SQS-DLQ-1: reports a dead-letter cycle under Findings and in --json findings', () => {
		const dir = tmp();
		const file = join(dir, 'cycle.json');
		writeFileSync(
			file,
			JSON.stringify({
				version: 1,
				name: 'cycle',
				seed: 1,
				durationMs: 20_000,
				nodes: [
					{
						id: 'a',
						type: 'sqs-queue',
						VisibilityTimeout: 1,
						RedrivePolicy: { deadLetterTargetArn: 'b', maxReceiveCount: 1 }
					},
					{ id: 'b', type: 'sqs-queue', RedrivePolicy: { deadLetterTargetArn: 'a', maxReceiveCount: 1 } },
					{ id: 'p', type: 'producer', target: 'a', Rate: { type: 'fixed', perSecond: 1 }, Count: 2 },
					{ id: 'ca', type: 'consumer', source: 'a', Failure: { probability: 1 } },
					{ id: 'cb', type: 'consumer', source: 'b', Failure: { probability: 1 } }
				]
			})
		);
		const json = JSON.parse(run(file, '--json').stdout);
		const moves = json.nodes
			.filter((n: { node: string }) => n.node === 'a' || n.node === 'b')
			.reduce((sum: number, n: { deadLettered: number }) => sum + n.deadLettered, 0);
		expect(moves).toBeGreaterThan(10);
		// The cycle, with the run's moves, then what AWS's guidance says of the rest (here: DLQ retention, #17).
		expect(json.findings.map((f: { kind: string }) => f.kind)).toEqual([
			'dlq-cycle',
			'dlq-retention',
			'dlq-retention'
		]);
		expect(json.findings.slice(0, 1)).toEqual([
			{
				kind: 'dlq-cycle',
				severity: 'error',
				node: 'a',
				rule: 'SQS-DLQ-1',
				source: {
					title: expect.stringMatching(/dead-letter queues/),
					url: expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\//)
				},
				why: expect.stringMatching(/never comes to rest/),
				queues: ['a', 'b'],
				moves,
				messages: 2,
				firstMoveAtMs: expect.any(Number),
				message: expect.stringMatching(
					new RegExp(
						`^dead-letter cycle a → b → a: messages moved along it ${moves} times \\(2 messages\\), first at [\\d.]+s \\(SQS-DLQ-1\\)$`
					)
				),
				fix: expect.stringMatching(/^Break the ring: remove b's RedrivePolicy/)
			}
		]);
		const text = run(file).stdout;
		const table = text.indexOf('dead-lettered');
		const findings = text.indexOf('\nFindings\n');
		expect(table).toBeGreaterThan(0);
		expect(findings).toBeGreaterThan(table);
		expect(text.indexOf('trace events in')).toBeGreaterThan(findings);
		expect(text).toContain(
			`  error a: dead-letter cycle a → b → a: messages moved along it ${moves} times (2 messages)`
		);
		expect(text).toMatch(/\n {4}Fix: Break the ring: remove b's RedrivePolicy/);
	});

	it('a scenario AWS guidance finds nothing in has no Findings section and an empty findings array', () => {
		const json = JSON.parse(run('scenarios/sqs-idempotent-consumer.json', '--until', '5s', '--json').stdout);
		expect(json.findings).toEqual([]);
		expect(Object.keys(json)).toEqual([
			'scenario',
			'seed',
			'untilMs',
			'events',
			'traceHash',
			'nodes',
			'findings'
		]);
		expect(run('scenarios/sqs-idempotent-consumer.json', '--until', '5s').stdout).not.toContain('Findings');
	});
});
