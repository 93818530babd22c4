// Runs random scenarios (arbitrary-scenario.ts) to the end with every checker on and asserts, per scenario:
// - the scenario is valid (`loadScenario` accepts it);
// - no checker reports a violation (`checkSimulation`: conservation, FIFO order and group lock, DLQ timing,
//   duplicate causes, SNS deliveries and filters, shard sequences, per-key order);
// - determinism: the same scenario and seed give the same trace hash twice, and a run restored from a
//   mid-run checkpoint ends with the same hash as a straight run;
// - cheap invariants the checkers leave out: the trace is well formed (positions count up, time never goes
//   back or past the duration), every produced message reaches its target exactly once (or fails visibly),
//   every SNS→SQS delivery arrives in its queue, Firehose never delivers more than it buffered, and
//   consumers only process records that were put.
// A failure is shrunk by fast-check; the report carries fast-check's seed and path (to replay it) and the
// shrunk scenario as JSON.

import fc from 'fast-check';
import {
	HashSink,
	MemorySink,
	type Simulation,
	type Scenario,
	type ScenarioInput,
	type TraceEvent
} from '../../src/lib/engine';
import { loadScenario } from '../../src/lib/services';
import { checkSimulation, createSimulation } from '../../src/lib/services';
import { scenarioArbitrary } from './arbitrary-scenario';

export interface RandomScenarioFailure {
	/** fast-check's seed and shrink path: `fc.assert(property, { seed, path })` replays exactly this case. */
	seed: number;
	path: string;
	/** The shrunk scenario. */
	scenario: ScenarioInput;
	/** What went wrong, one line each (checker, SEMANTICS rule, time, node, message). */
	violations: string[];
}

export interface RandomScenarioReport {
	/** Scenarios run (shrinking runs not counted). */
	runs: number;
	failures: RandomScenarioFailure[];
	ms: number;
}

export interface RandomScenarioOptions {
	runs: number;
	/** fast-check seed: the same seed draws the same scenarios. */
	seed: number;
	/** Stop after this many distinct failures (each is shrunk, which costs time). Default 5. */
	maxFailures?: number;
	/** Scenarios to leave out (for example a known model bug awaiting a fix). */
	exclude?: (scenario: ScenarioInput) => boolean;
}

const MAX_LINES = 20;
/**
 * Far more events than any generated scenario makes at one instant: beyond this, simulated time is stuck (a
 * livelock). Busy but progressing runs (a zero-latency consumer short-polling every millisecond) pass.
 */
const MAX_STEPS_AT_ONE_INSTANT = 20_000;

/** Run to the end, or throw when the run keeps firing events without time moving on. */
function runGuarded(sim: Simulation): void {
	let at = -1;
	let steps = 0;
	while (sim.step()) {
		if (sim.now() !== at) {
			at = sim.now();
			steps = 0;
		} else if (++steps > MAX_STEPS_AT_ONE_INSTANT)
			throw new Error(`livelock: ${MAX_STEPS_AT_ONE_INSTANT} events at t=${at} without time moving on`);
	}
	sim.run();
}

/** Everything that is wrong with one scenario; empty when it passes. */
export function scenarioProblems(input: ScenarioInput): string[] {
	let scenario: Scenario;
	try {
		scenario = loadScenario(input);
	} catch (err) {
		return [`invalid scenario (generator): ${(err as Error).message}`];
	}
	const problems: string[] = [];
	let events: TraceEvent[];
	let first: string;
	try {
		const mem = new MemorySink();
		const hash = new HashSink();
		const sim = createSimulation(scenario, { sinks: [mem, hash] });
		runGuarded(sim);
		events = mem.events;
		first = hash.digest();
		for (const v of checkSimulation(sim, events))
			problems.push(`${v.checker} ${v.rule} t=${v.t} ${v.node}${v.msg ? ` ${v.msg}` : ''}: ${v.message}`);
	} catch (err) {
		const e = err as Error;
		return [e.message.startsWith('livelock') ? e.message : `run threw: ${e.stack ?? String(e)}`];
	}
	problems.push(...traceProblems(scenario, events));

	try {
		// The same scenario and seed again, checkpointed half way: the straight run must repeat the first
		// run's trace hash, and a run restored from the checkpoint must end with it too.
		const hash = new HashSink();
		const sim = createSimulation(scenario, { sinks: [hash] });
		sim.runUntil(Math.floor(scenario.durationMs / 2));
		const snap = sim.snapshot();
		runGuarded(sim);
		const straight = hash.digest();
		if (straight !== first) problems.push('determinism: the same scenario and seed gave another trace hash');
		sim.restore(snap);
		runGuarded(sim);
		if (hash.digest() !== straight)
			problems.push('determinism: a run restored from a mid-run checkpoint ended with another trace hash');
	} catch (err) {
		problems.push(`determinism run threw: ${(err as Error).stack ?? String(err)}`);
	}
	return problems.length > MAX_LINES
		? [...problems.slice(0, MAX_LINES), `… and ${problems.length - MAX_LINES} more`]
		: problems;
}

const ARRIVALS = new Set<string>([
	'enqueued',
	'deduplicated',
	'published',
	'record-put',
	'put-throttled',
	'firehose-buffered'
]);

/** Invariants over the trace that the named checkers do not cover. */
export function traceProblems(scenario: Scenario, events: readonly TraceEvent[]): string[] {
	const out: string[] = [];
	const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));

	// A well-formed trace: positions 0, 1, 2…; time never goes back nor past the duration.
	let lastT = 0;
	events.forEach((e, k) => {
		if (e.i !== k) out.push(`trace: event ${k} has position ${e.i}`);
		if (e.t < lastT) out.push(`trace: event ${k} (${e.type}) at t=${e.t} after t=${lastT}`);
		if (e.t > scenario.durationMs) out.push(`trace: event ${k} (${e.type}) at t=${e.t} after the end`);
		lastT = Math.max(lastT, e.t);
	});

	// Producers: each message that had time to arrive arrives at its target exactly once, or fails visibly.
	const arrivals = new Map<string, number>();
	for (const e of events) {
		if ((!ARRIVALS.has(e.type) && e.type !== 'produce-failed') || e.origin === undefined) continue;
		const k = `${e.t}\u0000${e.node}\u0000${e.origin}`;
		arrivals.set(k, (arrivals.get(k) ?? 0) + 1);
	}
	for (const e of events) {
		if (e.type !== 'produced' || e.origin === undefined) continue;
		const spec = nodes.get(e.node);
		if (spec?.type !== 'producer') continue;
		const at = e.t + spec.LatencyMs;
		if (at > scenario.durationMs) continue;
		const n =
			(arrivals.get(`${at}\u0000${e.target}\u0000${e.origin}`) ?? 0) +
			(arrivals.get(`${at}\u0000${e.node}\u0000${e.origin}`) ?? 0);
		if (n !== 1)
			out.push(
				`producer: ${e.origin} produced at t=${e.t} arrived ${n} times at ${e.target} (expected once)`
			);
	}

	// SNS → SQS: a delivery to an SQS subscription lands in (or is deduplicated by) that queue at once.
	const queueByArn = new Map<string, string>();
	for (const n of scenario.nodes) if (n.type === 'sqs-queue') queueByArn.set(`:${n.QueueName ?? n.id}`, n.id);
	const queueOfSub = new Map<string, string>();
	const landed = new Set<string>();
	for (const e of events) {
		if (e.type === 'delivery-attempted' && e.protocol === 'sqs') {
			const q = queueByArn.get(e.endpoint.slice(e.endpoint.lastIndexOf(':')));
			if (q !== undefined) queueOfSub.set(e.subscription, q);
		}
		if ((e.type === 'enqueued' || e.type === 'deduplicated') && e.origin !== undefined)
			landed.add(`${e.t}\u0000${e.node}\u0000${e.origin}`);
	}
	for (const e of events) {
		if (e.type !== 'delivered') continue;
		const q = queueOfSub.get(e.subscription);
		if (q === undefined || e.origin === undefined) continue;
		if (!landed.has(`${e.t}\u0000${q}\u0000${e.origin}`))
			out.push(`sns: ${e.origin} delivered by ${e.node} at t=${e.t} never arrived in ${q} (SNS-TOP-3)`);
	}

	// Firehose (FH-1/-3/-4): delivered = flushed Ok + ProcessingFailed; never more out than in.
	const fh = new Map<string, { buffered: number; out: number; delivered: number; written: number }>();
	const fhOf = (node: string) => {
		let s = fh.get(node);
		if (!s) fh.set(node, (s = { buffered: 0, out: 0, delivered: 0, written: 0 }));
		return s;
	};
	for (const e of events) {
		if (e.type === 'firehose-buffered') fhOf(e.node).buffered++;
		if (e.type === 'firehose-delivered') fhOf(e.node).delivered++;
		if (e.type === 'firehose-flushed') {
			const s = fhOf(e.node);
			s.written += e.records + e.failed;
			s.out += e.records + e.failed + e.dropped;
		}
		if (e.type === 'firehose-delivery-failed') fhOf(e.node).out += e.lost;
	}
	for (const [node, s] of fh) {
		if (s.delivered !== s.written)
			out.push(`firehose: ${node} traced ${s.delivered} deliveries for ${s.written} records flushed (FH-1)`);
		if (s.out > s.buffered)
			out.push(
				`firehose: ${node} flushed, dropped or lost ${s.out} records but buffered ${s.buffered} (FH-4)`
			);
	}

	// Kinesis readers process only records that were put (KIN-3: sequence numbers identify records).
	const put = new Set<string>();
	for (const e of events) {
		if (e.type === 'record-put') put.add(e.msg as string);
		if (e.type === 'record-processed' && !put.has(e.msg as string))
			out.push(`kinesis: ${e.by} processed ${e.msg} at t=${e.t}, which was never put`);
	}
	return out;
}

/**
 * Draws `runs` random scenarios and checks each (scenarioProblems). A failure is shrunk and recorded, and
 * the search goes on with the remaining runs, until `maxFailures` failures.
 */
export function checkRandomScenarios(options: RandomScenarioOptions): RandomScenarioReport {
	const started = performance.now();
	const maxFailures = options.maxFailures ?? 5;
	const failures: RandomScenarioFailure[] = [];
	const arb = options.exclude
		? scenarioArbitrary.filter((s) => !(options.exclude as (s: ScenarioInput) => boolean)(s))
		: scenarioArbitrary;
	let done = 0;
	let seed = options.seed;
	while (done < options.runs && failures.length < maxFailures) {
		const details = fc.check(
			fc.property(arb, (s) => scenarioProblems(s).length === 0),
			{ numRuns: options.runs - done, seed }
		);
		if (!details.failed) {
			done += details.numRuns;
			break;
		}
		done += Math.max(1, details.numRuns);
		const scenario = details.counterexample?.[0] as ScenarioInput;
		failures.push({
			seed: details.seed,
			path: details.counterexamplePath ?? '',
			scenario,
			violations: scenarioProblems(scenario)
		});
		seed = (seed + 0x9e3779b9) >>> 0;
	}
	return { runs: done, failures, ms: Math.round(performance.now() - started) };
}

/** A failure as text: the replay seed, what went wrong and the shrunk scenario JSON. */
export function formatFailure(f: RandomScenarioFailure): string {
	return [
		`fast-check seed ${f.seed}, path "${f.path}" (scenario seed ${f.scenario.seed})`,
		...f.violations.map((v) => `  - ${v}`),
		`shrunk scenario:`,
		JSON.stringify(f.scenario)
	].join('\n');
}
