// Headless CLI: npm run sim -- <scenario.json | template.yaml> [--seed N] [--until 10m] [--trace out.jsonl]
// [--json] [--param Name=Value] [--load LogicalId=RATE]
// or npm run sim -- --fidelity [--json]: the fidelity report (README, Fidelity) from the test files.
// Runs a scenario through the same engine as the browser and prints a per-node summary table, then the
// findings about the scenario itself (a dead-letter cycle). Problems with the files it reads or writes are
// one line naming the file, and exit code 2.

import { createWriteStream, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
	DlqCycleCounter,
	dlqCycleFix,
	dlqCycles,
	formatDlqCycle,
	formatDuration,
	formatSummaryTable,
	HashSink,
	JsonlSink,
	parseDuration,
	SummarySink,
	formatIssue
} from '../lib/engine';
import { parseScenarioText } from '../lib/services';
import { importTemplate, TemplateError, type ImportResult } from '../lib/cfn';
import type { DlqCycleReport, TraceSink } from '../lib/engine';
import { createSimulation } from '../lib/services';
import { readTestFiles } from '../lib/fidelity/files';
import { RULES } from '../lib/fidelity/rules';
import { buildReport, formatReportTable } from '../lib/fidelity/scan';

const USAGE = `usage: npm run sim -- <scenario.json> [--seed N] [--until 10m] [--trace out.jsonl] [--json]
       npm run sim -- <template.yaml|template.json> [--param Name=Value]… [--load LogicalId=RATE]… [options]
       npm run sim -- --fidelity [--json]

  A CloudFormation or SAM template (YAML with the short intrinsic tags, or JSON with a Resources section)
  is imported into a scenario first: nodes keep the template's logical ids; the resources left out and the
  properties not carried over are listed on stderr (and under "template" with --json).
  --param N=V      a template parameter's value instead of its Default (repeatable)
  --load ID=RATE   messages per second of the default producer of entry point ID (repeatable; default 10)

  --seed N         override the scenario's seed (0 to 4294967295)
  --until T        stop at simulated time T (e.g. 90s, 10m, 1h30m), before or past the scenario's
                   durationMs (the default)
  --trace FILE     write every trace event as JSON lines to FILE
  --json           print the summary as JSON instead of a table
  --fidelity       instead of running a scenario, print the fidelity report: every rule of the semantics
                   reference with its evidence class, tested or untested, and how many tests name it
                   (read from the test names under tests/); with --json, the report object
                   ({ rules, totals })

Latency columns: for a queue, enqueue to delete; for a consumer, send to the queue to processed.`;

interface Args {
	file?: string;
	seed?: number;
	untilMs?: number;
	trace?: string;
	json: boolean;
	fidelity: boolean;
	params: Record<string, string>;
	load: Record<string, number>;
}

function fail(message: string): never {
	process.stderr.write(`sim: ${message}\n`);
	process.exit(2);
}

function parseArgs(argv: string[]): Args {
	const args: Args = { json: false, fidelity: false, params: {}, load: {} };
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
		else if (a === '--fidelity') args.fidelity = true;
		else if (a === '--param') {
			const v = value();
			const eq = v.indexOf('=');
			if (eq <= 0) fail(`--param must be Name=Value (got '${v}')`);
			args.params[v.slice(0, eq)] = v.slice(eq + 1);
		} else if (a === '--load') {
			const v = value();
			const m = /^([^=]+)=(\d+(?:\.\d+)?)$/.exec(v);
			if (!m || !(Number(m[2]) > 0))
				fail(`--load must be LogicalId=RATE with RATE messages per second above 0 (got '${v}')`);
			args.load[m[1] as string] = Number(m[2]);
		} else if (a.startsWith('-')) fail(`unknown option ${a}\n\n${USAGE}`);
		else if (args.file) fail(`only one scenario file, got '${args.file}' and '${a}'`);
		else args.file = a;
	}
	return args;
}

/** What went wrong with a file, in a few words, from a Node file-system error. */
function fileProblem(err: unknown, writing = false): string {
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return writing ? 'no such directory' : 'no such file or directory';
		case 'EISDIR':
			return 'is a directory';
		case 'ENOTDIR':
			return 'a part of the path is not a directory';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EROFS':
			return 'read-only file system';
		case 'ENOSPC':
			return 'no space left on the device';
		default:
			return code ?? String((err as Error | undefined)?.message ?? err);
	}
}

/** The scenario file's text, or exit 2 with one line naming the file and the problem. */
function readScenarioFile(file: string): string {
	let isDirectory: boolean;
	try {
		isDirectory = statSync(file).isDirectory();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(`no such file: ${file}`);
		fail(`cannot read ${file}: ${fileProblem(err)}`);
	}
	if (isDirectory) fail(`cannot read ${file}: is a directory, not a scenario file`);
	try {
		return readFileSync(file, 'utf8');
	} catch (err) {
		fail(`cannot read ${file}: ${fileProblem(err)}`);
	}
}

/** Whether `a` and `b` name the same existing file: same real path, or the same inode (a hard link). */
function sameFile(a: string, b: string): boolean {
	try {
		if (realpathSync(a) === realpathSync(b)) return true;
		const sa = statSync(a);
		const sb = statSync(b);
		return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
	} catch {
		return false; // b does not exist yet (or cannot be looked at): it is not the scenario file
	}
}

/** Open the trace file for writing now, so a bad path fails before the run, in one line. */
function openTrace(trace: string, scenarioFile: string): ReturnType<typeof createWriteStream> {
	if (sameFile(scenarioFile, trace))
		fail(`--trace ${trace} is the scenario file ${scenarioFile}; refusing to overwrite it`);
	let fd: number;
	try {
		fd = openSync(trace, 'w');
	} catch (err) {
		fail(`cannot write trace file ${trace}: ${fileProblem(err, true)}`);
	}
	const out = createWriteStream(trace, { fd });
	out.on('error', (err) => fail(`cannot write trace file ${trace}: ${fileProblem(err, true)}`));
	return out;
}

/** One finding about the run, as --json prints it (fields are only ever added). */
interface CliFinding {
	kind: 'dlq-cycle';
	/** The cycle's queues in redrive order (the last one's dead-letter queue is the first). */
	queues: string[];
	/** Dead-letter moves along the cycle during the run, of how many messages, and the first one's time. */
	moves: number;
	messages: number;
	firstMoveAtMs?: number;
	message: string;
	fix: string;
}

function cycleFinding(r: DlqCycleReport): CliFinding {
	const moved =
		r.moves === 0
			? 'no message moved around it in this run'
			: `messages moved along it ${r.moves} times (${r.messages} ${r.messages === 1 ? 'message' : 'messages'}), first at ${formatDuration(r.firstMoveAt ?? 0)}`;
	return {
		kind: 'dlq-cycle',
		queues: r.queues,
		moves: r.moves,
		messages: r.messages,
		...(r.firstMoveAt !== undefined ? { firstMoveAtMs: r.firstMoveAt } : {}),
		message: `dead-letter cycle ${formatDlqCycle(r)}: ${moved} (SQS-DLQ-1)`,
		fix: dlqCycleFix(r)
	};
}

/** The repository's root: this file is src/cli/sim.ts. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** --fidelity: the report from the test files of this source tree, as a table or (--json) the object. */
function printFidelity(args: Args): void {
	if (args.file) fail(`--fidelity reads the test files, not a scenario (got '${args.file}')`);
	for (const [set, name] of [
		[args.seed !== undefined, '--seed'],
		[args.untilMs !== undefined, '--until'],
		[args.trace !== undefined, '--trace']
	] as const)
		if (set) fail(`${name} does not apply to --fidelity`);
	const report = buildReport(RULES, readTestFiles(ROOT));
	// A reader that stops early (| head) is not an error.
	process.stdout.on('error', (err: NodeJS.ErrnoException) => {
		if (err.code === 'EPIPE') process.exit(0);
		throw err;
	});
	if (args.json) {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	process.stdout.write(`${formatReportTable(report)}\n`);
}

/** A CloudFormation/SAM template rather than a scenario: a YAML file, or JSON with a Resources section. */
function isTemplate(file: string, text: string): boolean {
	if (/\.(ya?ml|template)$/i.test(file)) return true;
	try {
		const doc = JSON.parse(text) as Record<string, unknown>;
		return typeof doc === 'object' && doc !== null && 'Resources' in doc && !('nodes' in doc);
	} catch {
		return false;
	}
}

/** What the import left out or could not carry over, for stderr. */
function importReport(file: string, r: ImportResult): string {
	const lines = [`sim: imported ${file}: ${r.scenario.nodes.length} nodes`];
	if (r.entryPoints.length > 0)
		lines.push(`  entry points with a default producer: ${r.entryPoints.join(', ')}`);
	for (const i of r.ignored) lines.push(`  ignored ${i.logicalId} (${i.type}): ${i.reason}`);
	for (const w of r.warnings) lines.push(`  warning ${w.logicalId}.${w.property}: ${w.message}`);
	return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.fidelity) return printFidelity(args);
	if (!args.file) fail(`missing scenario file\n\n${USAGE}`);
	const text = readScenarioFile(args.file);
	let imported: ImportResult | undefined;
	let scenarioText = text;
	if (isTemplate(args.file, text)) {
		try {
			imported = importTemplate(text, { params: args.params, load: args.load });
		} catch (err) {
			if (err instanceof TemplateError) fail(`invalid template ${args.file}: ${err.message}`);
			throw err;
		}
		scenarioText = JSON.stringify(imported.scenario);
		if (!args.json) process.stderr.write(importReport(args.file, imported));
	} else if (Object.keys(args.params).length > 0 || Object.keys(args.load).length > 0)
		fail(`--param and --load apply to templates; ${args.file} is a scenario`);
	const parsed = parseScenarioText(scenarioText);
	if (!parsed.ok)
		fail(`invalid scenario ${args.file}:\n${parsed.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}`);
	const scenario = parsed.scenario;
	const summary = new SummarySink();
	for (const n of scenario.nodes) summary.declare(n.id);
	const hash = new HashSink();
	const cycles = new DlqCycleCounter(dlqCycles(scenario));
	const sinks: TraceSink[] = [summary, hash, cycles];
	let out: ReturnType<typeof createWriteStream> | undefined;
	if (args.trace) {
		out = openTrace(args.trace, args.file);
		sinks.push(new JsonlSink((line) => out?.write(line)));
	}
	// --until may go past the scenario's durationMs: the run then simply lasts that long (producers keep
	// producing, as they would in a longer scenario). A shorter --until stops early in the same run.
	const until = args.untilMs ?? scenario.durationMs;
	const runScenario = until > scenario.durationMs ? { ...scenario, durationMs: until } : scenario;
	const sim = createSimulation(runScenario, {
		sinks,
		...(args.seed !== undefined ? { seed: args.seed } : {})
	});
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
	const findings = cycles.reports().map(cycleFinding);
	if (args.json) {
		process.stdout.write(
			`${JSON.stringify({ scenario: scenario.name, seed: sim.seed, untilMs: until, events: sim.trace.count, traceHash: hash.digest(), nodes: rows, findings, ...(imported ? { template: { ignored: imported.ignored, warnings: imported.warnings, entryPoints: imported.entryPoints } } : {}) }, null, 2)}\n`
		);
		return;
	}
	process.stdout.write(`${scenario.name} — seed ${sim.seed}, ${formatDuration(until)} simulated\n\n`);
	process.stdout.write(`${formatSummaryTable(rows)}\n\n`);
	if (findings.length > 0) {
		process.stdout.write('Findings\n');
		for (const f of findings) process.stdout.write(`  ${f.message}\n    Fix: ${f.fix}\n`);
		process.stdout.write('\n');
	}
	process.stdout.write(
		`${sim.trace.count} trace events in ${wallMs.toFixed(0)} ms wall (${(until / Math.max(wallMs, 0.001)).toFixed(0)}× real time); trace hash ${hash.digest().slice(0, 16)}\n`
	);
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
