// Headless CLI: npm run sim -- <scenario.json | template.yaml> [--seed N] [--until 10m] [--trace out.jsonl]
// [--json] [--param Name=Value] [--load LogicalId=RATE]
// or npm run sim -- FILE --seeds 1-200 [--threads N] [--until T] [--json]: a seed sweep on worker threads
// (src/cli/sweep.ts), statistics per node and metric over the runs.
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
	JsonlSink,
	parseDuration,
	formatIssue
} from '../lib/engine';
import { adviseScenario, parseScenarioText } from '../lib/services';
import type { Advice, AdviceKind, AdviceSeverity } from '../lib/services';
import {
	importReportLines,
	importTemplate,
	looksLikeTemplate,
	TemplateError,
	type ImportResult
} from '../lib/cfn';
import type { DlqCycleReport, Scenario, TraceSink } from '../lib/engine';
import { advanceRun, prepareRun, runWindow } from '../lib/sweep/run-seed';
import { parseSeedRange, sweepStats } from '../lib/sweep/stats';
import { formatSweepTable, sweepFooter, sweepHeader } from '../lib/sweep/format';
import { MAX_THREADS, runSweep, threadCount } from './sweep';
import { readTestFiles } from '../lib/fidelity/files';
import { RULES } from '../lib/fidelity/rules';
import { buildReport, formatReportTable } from '../lib/fidelity/scan';

const USAGE = `usage: npm run sim -- <scenario.json> [--seed N] [--until 10m] [--trace out.jsonl] [--json]
       npm run sim -- <scenario.json> --seeds 1-200 [--threads N] [--until 10m] [--json]
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
  --seeds RANGE    a seed sweep: run once per seed of RANGE (1-200, 7, 1,5,9, 1-10,20-25; at most
                   100,000 seeds) on worker threads, and print per node the mean, p5, p50, p95 and max
                   over the runs of every metric that is non-zero in any run (percentiles by nearest
                   rank). Each run is the one --seed N gives (same trace hash). Not with --seed or
                   --trace. With --json: { scenario, seeds, untilMs, threads, nodes, runs }, nodes the
                   statistics per node and metric ({ mean, p5, p50, p95, max, runs }), runs one entry
                   per seed ({ seed, events, traceHash, nodes }), in seed order
  --threads N      worker threads for --seeds (1 to 256; default one per core)
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
	/** --seeds: the seeds, ascending, and the range as given. */
	seeds?: number[];
	seedsText?: string;
	threads?: number;
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
		} else if (a === '--seeds') {
			const v = value();
			const seeds = parseSeedRange(v);
			if (typeof seeds === 'string') fail(`--seeds '${v}': ${seeds}`);
			args.seeds = seeds;
			args.seedsText = v;
		} else if (a === '--threads') {
			const v = value();
			const n = Number(v);
			if (!/^\d+$/.test(v) || n < 1 || n > MAX_THREADS)
				fail(`--threads must be a whole number from 1 to ${MAX_THREADS} (got '${v}')`);
			args.threads = n;
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
	if (args.seeds) {
		if (args.seed !== undefined) fail('--seeds runs a range of seeds; it cannot be combined with --seed');
		if (args.trace !== undefined)
			fail('--trace writes the trace of one run; it cannot be combined with --seeds (use --seed N)');
	} else if (args.threads !== undefined) fail('--threads applies to a seed sweep (--seeds) only');
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

/** What every finding carries, as --json prints it (fields are only ever added). */
interface FindingBase {
	/** error, warning or info. */
	severity: AdviceSeverity;
	/** The resource: a node id (a template's logical id). */
	node: string;
	/** The rule of the semantics reference, the AWS document the advice comes from, why and the fix. */
	rule: string;
	source: { title: string; url: string };
	why: string;
	message: string;
	fix: string;
}

/** A dead-letter cycle, with what moved along it in this run. */
interface CycleFinding extends FindingBase {
	kind: 'dlq-cycle';
	/** The cycle's queues in redrive order (the last one's dead-letter queue is the first). */
	queues: string[];
	/** Dead-letter moves along the cycle during the run, of how many messages, and the first one's time. */
	moves: number;
	messages: number;
	firstMoveAtMs?: number;
}

/** A finding from AWS's guidance about the configuration (services/advice.ts). */
interface AdviceFinding extends FindingBase {
	kind: AdviceKind;
	/** The other nodes it is about. */
	related: string[];
}

type CliFinding = CycleFinding | AdviceFinding;

function cycleFinding(r: DlqCycleReport, advice: readonly Advice[]): CycleFinding {
	const moved =
		r.moves === 0
			? 'no message moved around it in this run'
			: `messages moved along it ${r.moves} times (${r.messages} ${r.messages === 1 ? 'message' : 'messages'}), first at ${formatDuration(r.firstMoveAt ?? 0)}`;
	const a = advice.find((x) => x.kind === 'dlq-cycle' && x.node === r.queues[0]);
	return {
		kind: 'dlq-cycle',
		severity: a?.severity ?? 'error',
		node: r.queues[0] as string,
		rule: 'SQS-DLQ-1',
		source: a?.source ?? { title: '', url: '' },
		why: a?.why ?? '',
		queues: r.queues,
		moves: r.moves,
		messages: r.messages,
		...(r.firstMoveAt !== undefined ? { firstMoveAtMs: r.firstMoveAt } : {}),
		message: `dead-letter cycle ${formatDlqCycle(r)}: ${moved} (SQS-DLQ-1)`,
		fix: dlqCycleFix(r)
	};
}

/**
 * The configuration's findings as --json prints them; a single run leaves the cycles out (cycleFinding reports
 * them with the run's moves).
 */
function adviceFindings(advice: readonly Advice[], withCycles: boolean): AdviceFinding[] {
	return advice.flatMap((a) =>
		a.kind === 'dlq-cycle' && !withCycles
			? []
			: [
					{
						kind: a.kind,
						severity: a.severity,
						node: a.node,
						related: a.related,
						rule: a.rule,
						source: a.source,
						why: a.why,
						message: a.title,
						fix: a.fix
					}
				]
	);
}

/** The findings after the table: most severe first, each with why, the fix and the AWS page. */
function formatFindings(findings: readonly CliFinding[]): string {
	if (findings.length === 0) return '';
	const order: Record<AdviceSeverity, number> = { error: 0, warning: 1, info: 2 };
	const lines = ['Findings'];
	for (const f of [...findings].sort((a, b) => order[a.severity] - order[b.severity])) {
		lines.push(`  ${f.severity} ${f.node}: ${f.message}`);
		if (f.why) lines.push(`    Why: ${f.why}`);
		lines.push(`    Fix: ${f.fix}`);
		if (f.source.url) lines.push(`    See: ${f.source.url}`);
	}
	return `${lines.join('\n')}\n\n`;
}

/** The repository's root: this file is src/cli/sim.ts. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A reader that stops early (| head) is not an error. */
function quietOnEarlyReader(): void {
	process.stdout.on('error', (err: NodeJS.ErrnoException) => {
		if (err.code === 'EPIPE') process.exit(0);
		throw err;
	});
}

/** --fidelity: the report from the test files of this source tree, as a table or (--json) the object. */
function printFidelity(args: Args): void {
	if (args.file) fail(`--fidelity reads the test files, not a scenario (got '${args.file}')`);
	for (const [set, name] of [
		[args.seed !== undefined, '--seed'],
		[args.untilMs !== undefined, '--until'],
		[args.trace !== undefined, '--trace'],
		[args.seeds !== undefined, '--seeds'],
		[args.threads !== undefined, '--threads']
	] as const)
		if (set) fail(`${name} does not apply to --fidelity`);
	const report = buildReport(RULES, readTestFiles(ROOT));
	quietOnEarlyReader();
	if (args.json) {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	process.stdout.write(`${formatReportTable(report)}\n`);
}

/** What the import left out or could not carry over, for stderr. */
function importReport(file: string, r: ImportResult): string {
	const [first = '', ...rest] = importReportLines(file, r);
	return `sim: ${first.charAt(0).toLowerCase()}${first.slice(1)}\n${rest.map((l) => `${l}\n`).join('')}`;
}

/** The import report as --json carries it under "template". */
function templateField(imported: ImportResult | undefined): object {
	return imported
		? {
				template: {
					ignored: imported.ignored,
					warnings: imported.warnings,
					entryPoints: imported.entryPoints
				}
			}
		: {};
}

/** The progress bar of a sweep on a terminal: `sim: seeds [#########.......] 120/200`. */
function progressBar(done: number, total: number): string {
	const width = 30;
	const filled = Math.floor((width * done) / total);
	return `\rsim: seeds [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** --seeds: run every seed on the worker pool, then print the statistics (or --json). */
async function sweep(args: Args, scenario: Scenario, imported: ImportResult | undefined): Promise<void> {
	const seeds = args.seeds as number[];
	const until = runWindow(scenario, args.untilMs).untilMs;
	const threads = threadCount(seeds.length, args.threads);
	const tty = process.stderr.isTTY === true;
	const started = performance.now();
	let drawn = -1;
	if (tty) process.stderr.write(progressBar(0, seeds.length));
	let runs;
	try {
		runs = await runSweep(scenario, seeds, {
			...(args.untilMs !== undefined ? { untilMs: args.untilMs } : {}),
			threads,
			onProgress: (done, total) => {
				const wall = performance.now();
				if (!tty || (wall - drawn < 100 && done < total)) return;
				drawn = wall;
				process.stderr.write(progressBar(done, total));
			}
		});
	} catch (err) {
		if (tty) process.stderr.write('\n');
		fail((err as Error).message.split('\n')[0] as string);
	}
	const wallMs = performance.now() - started;
	const rate = `${seeds.length} ${seeds.length === 1 ? 'seed' : 'seeds'} in ${(wallMs / 1000).toFixed(1)} s wall (${((1000 * seeds.length) / Math.max(wallMs, 0.001)).toFixed(1)} seeds/s) on ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
	process.stderr.write(`${tty ? '\n' : ''}sim: ${rate}\n`);
	const nodes = sweepStats(runs);
	// The configuration's findings hold for every seed (a cycle is listed without the moves of one run).
	const findings = adviceFindings(adviseScenario(scenario), true);
	quietOnEarlyReader();
	if (args.json) {
		process.stdout.write(
			`${JSON.stringify({ scenario: scenario.name, seeds, untilMs: until, threads, nodes, runs, findings, ...templateField(imported) }, null, 2)}\n`
		);
		return;
	}
	process.stdout.write(`${sweepHeader(scenario.name, seeds, formatDuration(until), threads)}\n\n`);
	process.stdout.write(`${formatSweepTable(nodes, runs)}\n\n`);
	process.stdout.write(formatFindings(findings));
	process.stdout.write(`${sweepFooter(runs)}\n${rate}\n`);
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.fidelity) return printFidelity(args);
	if (!args.file) fail(`missing scenario file\n\n${USAGE}`);
	const text = readScenarioFile(args.file);
	let imported: ImportResult | undefined;
	let scenarioText = text;
	if (looksLikeTemplate(args.file, text)) {
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
	if (args.seeds) return sweep(args, scenario, imported);
	const cycles = new DlqCycleCounter(dlqCycles(scenario));
	const sinks: TraceSink[] = [cycles];
	let out: ReturnType<typeof createWriteStream> | undefined;
	if (args.trace) {
		out = openTrace(args.trace, args.file);
		sinks.push(new JsonlSink((line) => out?.write(line)));
	}
	// The same run as a sweep's for this seed (src/lib/sweep/run-seed.ts): the summary and hash sinks, and
	// --until before or past the scenario's durationMs.
	const run = prepareRun(scenario, {
		sinks,
		...(args.seed !== undefined ? { seed: args.seed } : {}),
		...(args.untilMs !== undefined ? { untilMs: args.untilMs } : {})
	});
	const { sim, summary, hash } = run;
	const until = run.untilMs;
	const started = performance.now();
	let lastReport = started;
	advanceRun(run, (t) => {
		const wall = performance.now();
		if (wall - lastReport > 1000 && process.stderr.isTTY !== false) {
			lastReport = wall;
			process.stderr.write(
				`\rsim: ${formatDuration(t)} of ${formatDuration(until)} (${Math.round((100 * t) / until)}%), ${sim.trace.count} events`
			);
		}
	});
	if (lastReport !== started) process.stderr.write('\n');
	const wallMs = performance.now() - started;
	if (out) await new Promise<void>((resolve) => out?.end(resolve));
	const rows = summary.summaries();
	const advice = adviseScenario(scenario);
	const findings: CliFinding[] = [
		...cycles.reports().map((r) => cycleFinding(r, advice)),
		...adviceFindings(advice, false)
	];
	if (args.json) {
		process.stdout.write(
			`${JSON.stringify({ scenario: scenario.name, seed: sim.seed, untilMs: until, events: sim.trace.count, traceHash: hash.digest(), nodes: rows, findings, ...templateField(imported) }, null, 2)}\n`
		);
		return;
	}
	process.stdout.write(`${scenario.name} — seed ${sim.seed}, ${formatDuration(until)} simulated\n\n`);
	process.stdout.write(`${formatSummaryTable(rows)}\n\n`);
	process.stdout.write(formatFindings(findings));
	process.stdout.write(
		`${sim.trace.count} trace events in ${wallMs.toFixed(0)} ms wall (${(until / Math.max(wallMs, 0.001)).toFixed(0)}× real time); trace hash ${hash.digest().slice(0, 16)}\n`
	);
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
