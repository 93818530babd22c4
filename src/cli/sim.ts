// Headless CLI: npm run sim -- <scenario.json> [--seed N] [--until 10m] [--trace out.jsonl] [--json]
// Runs a scenario through the same engine as the browser and prints a per-node summary table.

import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import {
	formatDuration,
	formatSummaryTable,
	HashSink,
	JsonlSink,
	parseDuration,
	parseScenario,
	SummarySink,
	formatIssue
} from '../lib/engine';
import type { TraceSink } from '../lib/engine';
import { createSimulation } from '../lib/models';

const USAGE = `usage: npm run sim -- <scenario.json> [--seed N] [--until 10m] [--trace out.jsonl] [--json]

  --seed N         override the scenario's seed (0 to 4294967295)
  --until T        stop at simulated time T (e.g. 90s, 10m, 1h30m; default: the scenario's durationMs)
  --trace FILE     write every trace event as JSON lines to FILE
  --json           print the summary as JSON instead of a table

Latency columns: for a queue, enqueue to delete; for a consumer, send to the queue to processed.`;

interface Args {
	file?: string;
	seed?: number;
	untilMs?: number;
	trace?: string;
	json: boolean;
}

function fail(message: string): never {
	process.stderr.write(`sim: ${message}\n`);
	process.exit(2);
}

function parseArgs(argv: string[]): Args {
	const args: Args = { json: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] as string;
		const value = () => {
			const v = argv[++i];
			if (v === undefined) fail(`${a} needs a value\n\n${USAGE}`);
			return v;
		};
		if (a === '--help' || a === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else if (a === '--seed') {
			const v = value();
			const n = Number(v);
			if (!/^\d+$/.test(v) || n > 2 ** 32 - 1)
				fail(`--seed must be a whole number from 0 to 4294967295 (got '${v}')`);
			args.seed = n;
		} else if (a === '--until') {
			const v = value();
			const ms = parseDuration(v);
			if (ms === undefined) fail(`--until must be a duration such as 90s, 10m or 1h30m (got '${v}')`);
			args.untilMs = ms;
		} else if (a === '--trace') args.trace = value();
		else if (a === '--json') args.json = true;
		else if (a.startsWith('-')) fail(`unknown option ${a}\n\n${USAGE}`);
		else if (args.file) fail(`only one scenario file, got '${args.file}' and '${a}'`);
		else args.file = a;
	}
	return args;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (!args.file) fail(`missing scenario file\n\n${USAGE}`);
	if (!existsSync(args.file)) fail(`no such file: ${args.file}`);
	const parsed = parseScenario(readFileSync(args.file, 'utf8'));
	if (!parsed.ok)
		fail(`invalid scenario ${args.file}:\n${parsed.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}`);
	const scenario = parsed.scenario;
	const summary = new SummarySink();
	for (const n of scenario.nodes) summary.declare(n.id);
	const hash = new HashSink();
	const sinks: TraceSink[] = [summary, hash];
	let out: ReturnType<typeof createWriteStream> | undefined;
	if (args.trace) {
		out = createWriteStream(args.trace);
		sinks.push(new JsonlSink((line) => out?.write(line)));
	}
	const sim = createSimulation(scenario, { sinks, ...(args.seed !== undefined ? { seed: args.seed } : {}) });
	const until = Math.min(args.untilMs ?? scenario.durationMs, scenario.durationMs);
	const started = performance.now();
	let lastReport = started;
	const chunk = Math.max(1000, Math.floor(until / 200));
	for (let t = 0; t < until;) {
		t = Math.min(until, t + chunk);
		sim.runUntil(t);
		const wall = performance.now();
		if (wall - lastReport > 1000 && process.stderr.isTTY !== false) {
			lastReport = wall;
			process.stderr.write(
				`\rsim: ${formatDuration(t)} of ${formatDuration(until)} (${Math.round((100 * t) / until)}%), ${sim.trace.count} events`
			);
		}
	}
	if (lastReport !== started) process.stderr.write('\n');
	const wallMs = performance.now() - started;
	if (out) await new Promise<void>((resolve) => out?.end(resolve));
	const rows = summary.summaries();
	if (args.json) {
		process.stdout.write(
			`${JSON.stringify({ scenario: scenario.name, seed: sim.seed, untilMs: until, events: sim.trace.count, traceHash: hash.digest(), nodes: rows }, null, 2)}\n`
		);
		return;
	}
	process.stdout.write(`${scenario.name} — seed ${sim.seed}, ${formatDuration(until)} simulated\n\n`);
	process.stdout.write(`${formatSummaryTable(rows)}\n\n`);
	process.stdout.write(
		`${sim.trace.count} trace events in ${wallMs.toFixed(0)} ms wall (${(until / Math.max(wallMs, 0.001)).toFixed(0)}× real time); trace hash ${hash.digest().slice(0, 16)}\n`
	);
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
