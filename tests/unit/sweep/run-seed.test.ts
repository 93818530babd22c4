// runSeed, one run of a seed sweep, is the CLI's single run for that seed: same events, trace hash and per-node
// summary as `npm run sim -- FILE --seed N --json`, including --until past the scenario's durationMs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/lib/services';
import { runSeed, runWindow } from '../../../src/lib/sweep/run-seed';

const tsx = resolve('node_modules', '.bin', 'tsx');
const cli = resolve('src', 'cli', 'sim.ts');
const sim = async (...args: string[]) =>
	JSON.parse((await promisify(execFile)(tsx, [cli, ...args], { encoding: 'utf8' })).stdout) as {
		seed: number;
		events: number;
		traceHash: string;
		nodes: unknown[];
	};

const FILE = 'scenarios/sqs-standard-duplicates.json';
const scenario = loadScenario(readFileSync(FILE, 'utf8'));

/** A small scenario: a producer sending 5 messages a second to a queue with a consumer. */
const small = (durationMs: number) =>
	loadScenario({
		version: 1,
		name: 'small',
		seed: 3,
		durationMs,
		nodes: [
			{ id: 'q', type: 'sqs-queue', Nondeterminism: 'classroom' },
			{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 5 } },
			{ id: 'c', type: 'consumer', source: 'q' }
		]
	});

describe('runSeed', () => {
	it('gives the trace hash, events and summary of `npm run sim -- FILE --seed N --json`', async () => {
		const [cli7, cliPast] = await Promise.all([
			sim(FILE, '--seed', '7', '--until', '10s', '--json'),
			sim(FILE, '--seed', '11', '--until', '150s', '--json')
		]);
		const r = runSeed(scenario, 7, 10_000);
		expect(r).toEqual({ seed: 7, events: cli7.events, traceHash: cli7.traceHash, nodes: cli7.nodes });
		// --until past durationMs (120 s): the same longer run.
		const past = runSeed(scenario, 11, 150_000);
		expect(past.traceHash).toBe(cliPast.traceHash);
		expect(past.events).toBe(cliPast.events);
	});

	it('different seeds give different runs of a scenario with randomness; the same seed the same run', () => {
		const hashes = [1, 2, 3, 4].map((s) => runSeed(scenario, s, 10_000).traceHash);
		expect(new Set(hashes).size).toBe(4);
		expect(runSeed(scenario, 2, 10_000)).toEqual(runSeed(scenario, 2, 10_000));
	});

	it('declares every node, and --until past durationMs runs as the longer scenario would', () => {
		const short = small(2000);
		expect(runSeed(short, 5).nodes.map((n) => n.node)).toEqual(['q', 'p', 'c']);
		const past = runSeed(short, 5, 5000);
		const long = runSeed(small(5000), 5);
		expect(past).toEqual(long);
		expect(runSeed(short, 5).events).toBeLessThan(past.events);
		expect(runWindow(short, 5000).scenario.durationMs).toBe(5000);
		expect(runWindow(short, 1000)).toEqual({ scenario: short, untilMs: 1000 });
		expect(runWindow(short)).toEqual({ scenario: short, untilMs: 2000 });
	});

	it('a scenario file run by the CLI with its own seed is runSeed with that seed', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
		const path = join(dir, 'small.json');
		writeFileSync(path, JSON.stringify({ ...small(3000) }));
		const out = await sim(path, '--json');
		expect(out.seed).toBe(3);
		expect(runSeed(small(3000), 3).traceHash).toBe(out.traceHash);
	});
});
