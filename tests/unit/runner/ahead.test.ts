// The run computed ahead (the worker's copy) and the page's copy are one run: a checkpoint taken ahead and
// restored on the page — with the append-log entries it lacks — gives exactly the straight run's trace hash,
// dots and series. Limits stop a run that is too heavy for a tab with a message naming the limit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HashSink, MemorySink, Random, toJsonl, type Scenario } from '$lib/engine';
import { findInsights } from '$lib/state/insights';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import {
	AHEAD_CHECKPOINT_EVENTS,
	AHEAD_CHECKPOINT_MS,
	AheadRun,
	type AheadProgress,
	type CheckpointReply
} from '$lib/runner/ahead';
import { AheadServer } from '$lib/runner/ahead-server';
import { BROWSER_LIMITS } from '$lib/runner/limits';
import type { FromAhead } from '$lib/runner/protocol';
import { createRun } from '$lib/runner/run';
import { layoutScenario } from '$lib/viz/layout';

const scenarioFile = (name: string): Scenario =>
	loadScenario(JSON.parse(readFileSync(`scenarios/${name}`, 'utf8')));

function straightHash(scenario: Scenario, seed: number, until: number): string {
	const hash = new HashSink();
	createSimulation(scenario, { sinks: [hash], seed }).runUntil(until);
	return hash.digest();
}

/**
 * An AheadServer on a fake loop and a fake wall clock (each reading moves it by `tick` ms): `run` takes queued
 * slices until `until()` holds or the queue is empty, at most `max` of them.
 */
function fakeServer(options: { sliceMs: number; tick: number; post?: (m: FromAhead) => void }) {
	const posted: FromAhead[] = [];
	const queue: (() => void)[] = [];
	let wall = 0;
	const server = new AheadServer({
		post: options.post ?? ((m) => posted.push(m)),
		wallNow: () => (wall += options.tick),
		later: (fn) => queue.push(fn),
		sliceMs: options.sliceMs
	});
	const run = (max: number, until: () => boolean = () => false): void => {
		for (let turns = 0; queue.length > 0 && !until() && turns < max; turns++) queue.shift()?.();
	};
	return { server, posted, run };
}

/** Compute a run ahead to its end, as the worker does. */
function computeAhead(scenario: Scenario, seed: number): AheadRun {
	const ahead = new AheadRun(1, scenario, seed, BROWSER_LIMITS);
	let wall = 0;
	while (ahead.state === 'running') ahead.computeFor(10, () => (wall += 1));
	return ahead;
}

describe('computing ahead', () => {
	for (const file of [
		'sqs-idempotent-consumer.json',
		'sqs-poison-dlq.json',
		'sns-fanout-filters.json',
		'kinesis-lambda-bisect.json'
	]) {
		it(`${file}: checkpoints computed ahead restore on the page copy exactly (seeded random seeks)`, () => {
			const scenario = scenarioFile(file);
			const seed = 7;
			const ahead = computeAhead(scenario, seed);
			expect(ahead.state).toBe('done');
			expect(ahead.progress(0).hash).toBe(straightHash(scenario, seed, scenario.durationMs));
			const page = createRun(scenario, seed);
			const layout = layoutScenario(scenario);
			const rng = Random.from(20261202, file);
			for (let k = 0; k < 12; k++) {
				const t = Math.floor(rng.next() * scenario.durationMs);
				const reply = structuredClone(ahead.checkpoint(t, page.sim.appendLogSizes()));
				page.sim.supplyAppendLogs(reply.logs);
				page.timeline.insert(reply.checkpoint);
				page.timeline.restore(reply.checkpoint);
				expect(reply.checkpoint.t).toBeLessThanOrEqual(t);
				page.timeline.advance(t, Number.POSITIVE_INFINITY);
				const straight = createRun(scenario, seed);
				straight.timeline.advance(t, Number.POSITIVE_INFINITY);
				expect(page.sinks.hash.digest(), `${file} seek ${k} to ${t}`).toBe(straight.sinks.hash.digest());
				expect(page.sinks.dots.dotsAt(t, layout)).toEqual(straight.sinks.dots.dotsAt(t, layout));
				expect(page.sinks.series.mark()).toEqual(straight.sinks.series.mark());
			}
			// And the page copy plays on to the same end.
			page.timeline.advance(scenario.durationMs, Number.POSITIVE_INFINITY);
			expect(page.sinks.hash.digest()).toBe(ahead.progress(0).hash);
		});
	}

	it('checkpoints are taken by work done too, so a busy run has them close together in events', () => {
		const scenario = scenarioFile('kinesis-split-under-load.json');
		const ahead = computeAhead(scenario, 1);
		const index = ahead.progress(0).index;
		expect(index.length).toBeGreaterThan(scenario.durationMs / AHEAD_CHECKPOINT_MS);
		for (let k = 1; k < index.length; k++) {
			const gap = (index[k]?.count ?? 0) - (index[k - 1]?.count ?? 0);
			// Scheduler events are at most a few trace events each.
			expect(gap).toBeLessThan(AHEAD_CHECKPOINT_EVENTS * 6);
		}
	});

	it('density covers the whole run and adds up to every trace event', () => {
		const scenario = scenarioFile('sqs-standard-duplicates.json');
		const ahead = computeAhead(scenario, 3);
		const p = ahead.progress(0);
		expect(p.density.reduce((a, b) => a + b, 0)).toBe(p.events);
		expect(p.density.length).toBe(240);
	});

	it('a run over a limit stops with a message naming it; what was computed stays usable', () => {
		const heavy = loadScenario({
			version: 1,
			name: 'burst',
			seed: 1,
			durationMs: 60_000,
			nodes: [
				{ id: 'q', type: 'sqs-queue' },
				{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 100_000 } }
			]
		});
		const ahead = new AheadRun(1, heavy, 1, { ...BROWSER_LIMITS, maxMessages: 20_000 });
		let wall = 0;
		while (ahead.state === 'running') ahead.computeFor(10, () => (wall += 1));
		expect(ahead.state).toBe('stopped');
		expect(ahead.message).toMatch(
			/stopped at 00:00\.\d{3}: it held 20,\d{3} messages at once, more than the browser's limit of 20,000/
		);
		expect(ahead.frontier).toBeLessThan(1000);
		expect(ahead.checkpoint(60_000, {}).checkpoint.t).toBeLessThanOrEqual(ahead.frontier);
	});

	it('the server answers a checkpoint request once the run has reached its time, and pauses on request', async () => {
		const scenario = scenarioFile('sqs-fifo-groups.json');
		const { server, posted, run } = fakeServer({ sliceMs: 2, tick: 0.5 });
		server.handle({ type: 'start', runId: 1, scenario, seed: 1, limits: BROWSER_LIMITS });
		server.handle({ type: 'checkpoint', runId: 1, reqId: 9, t: 30_000, known: {} });
		// The same time asked with a history that any checkpoint fits: the earliest one.
		server.handle({ type: 'checkpoint', runId: 1, reqId: 8, t: 30_000, known: {}, history: 1e9 });
		const replies = () => posted.flatMap((m) => (m.type === 'checkpoint' ? [m] : []));
		run(10_000, () => replies().length > 0);
		expect(replies()[0]?.reqId).toBe(9);
		run(10_000, () => replies().length > 1);
		expect(replies().map((m) => m.reqId)).toEqual([9, 8]);
		const [latest, earliest] = replies().map((m) => m.reply.checkpoint.t) as [number, number];
		expect(earliest).toBe(0);
		expect(latest).toBeGreaterThan(0);
		const progress = posted.filter((m) => m.type === 'progress');
		expect(progress.length).toBeGreaterThan(0);
		server.handle({ type: 'pause', runId: 1 });
		run(20_000);
		const last = posted.filter((m) => m.type === 'progress').at(-1);
		expect(last?.type === 'progress' && last.progress.state).toBe(
			last?.type === 'progress' && last.progress.t >= scenario.durationMs ? 'done' : 'paused'
		);
		// A request for another run is ignored.
		server.handle({ type: 'checkpoint', runId: 2, reqId: 10, t: 0, known: {} });
		run(Number.POSITIVE_INFINITY);
		expect(posted.some((m) => m.type === 'checkpoint' && m.reqId === 10)).toBe(false);
	});

	it('a request made long before it is answered brings only the log entries progress has not carried', () => {
		// The page asks for the end at once (a far seek); meanwhile progress carries the append logs. The reply
		// must bring what is left — not the whole log again — and still restore exactly.
		const scenario = scenarioFile('sqs-idempotent-consumer.json');
		const page = createRun(scenario, 3);
		let reply: CheckpointReply | undefined;
		let carried = 0;
		let sizes: Record<string, number> = {};
		const { server, run } = fakeServer({
			sliceMs: 3,
			tick: 1,
			post: (m) => {
				const copy = structuredClone(m);
				if (copy.type === 'progress') {
					page.sim.supplyAppendLogs(copy.progress.logs);
					for (const tail of Object.values(copy.progress.logs)) carried += tail.entries.length;
				} else if (copy.type === 'checkpoint') {
					reply = copy.reply;
					sizes = page.sim.appendLogSizes();
				}
			}
		});
		server.handle({ type: 'start', runId: 1, scenario, seed: 3, limits: BROWSER_LIMITS });
		const known = page.sim.appendLogSizes();
		server.handle({
			type: 'checkpoint',
			runId: 1,
			reqId: 1,
			t: scenario.durationMs,
			known,
			sinceProgress: true
		});
		run(100_000, () => reply !== undefined);
		if (!reply) throw new Error('no reply');
		expect(carried).toBeGreaterThan(0);
		const sent = Object.values(reply.logs).reduce((n, tail) => n + tail.entries.length, 0);
		const total = Object.values(sizes).reduce((n, k) => n + k, 0) + sent;
		expect(sent).toBeLessThan(total);
		// Each log's tail starts where the progress before the reply left the page.
		for (const [id, tail] of Object.entries(reply.logs)) expect(tail.from, id).toBe(sizes[id] ?? 0);
		page.sim.supplyAppendLogs(reply.logs);
		page.timeline.insert(reply.checkpoint);
		page.timeline.restore(reply.checkpoint);
		page.timeline.advance(scenario.durationMs, Number.POSITIVE_INFINITY);
		expect(page.sinks.hash.digest()).toBe(straightHash(scenario, 3, scenario.durationMs));
	});

	it('while the page waits for a time not reached yet, the findings wait; they come when the run ends', () => {
		const scenario = scenarioFile('sqs-standard-duplicates.json');
		const serve = (ask: boolean) => {
			// 25 wall ms a reading: progress (every 100 ms) and findings (every 1 s) come often.
			const { server, posted, run } = fakeServer({ sliceMs: 4, tick: 25 });
			server.handle({ type: 'start', runId: 1, scenario, seed: 2, limits: BROWSER_LIMITS });
			if (ask) server.handle({ type: 'checkpoint', runId: 1, reqId: 1, t: scenario.durationMs, known: {} });
			run(200_000);
			return posted.flatMap((m) => (m.type === 'progress' ? [m.progress] : []));
		};
		const free = serve(false);
		const waited = serve(true);
		const running = (ps: AheadProgress[]) => ps.filter((p) => p.state === 'running');
		expect(running(waited).length).toBeGreaterThan(2);
		expect(running(free).some((p) => p.findings.length > 0)).toBe(true);
		expect(running(waited).every((p) => p.findings.length === 0)).toBe(true);
		expect(waited.at(-1)?.state).toBe('done');
		expect(waited.at(-1)?.findings).toEqual(free.at(-1)?.findings);
		expect(waited.at(-1)?.findings.length).toBeGreaterThan(0);
	});

	it('asked with a history, the reply is the earliest checkpoint that many events short of the time', () => {
		const ahead = computeAhead(scenarioFile('sqs-idempotent-consumer.json'), 4);
		const index = ahead.run.timeline.index;
		const t = (index.at(-1) as { t: number }).t + 1;
		const latest = ahead.checkpoint(t, {});
		const early = ahead.checkpoint(t, {}, false, 3_000);
		expect(early.goal).toBeGreaterThanOrEqual(latest.checkpoint.count);
		expect(early.goal - early.checkpoint.count).toBeLessThanOrEqual(3_000);
		// The earliest such: the checkpoint before it is further than 3,000 events away.
		const before = index.filter((c) => c.t < early.checkpoint.t).at(-1);
		if (before) expect(early.goal - before.count).toBeGreaterThan(3_000);
		expect(early.checkpoint.t).toBeLessThanOrEqual(latest.checkpoint.t);
		expect(ahead.checkpoint(t, {}, false, 0).checkpoint.t).toBe(latest.checkpoint.t);
	});
});

describe('the findings window computed ahead', () => {
	/** The page's window after `count` events of a straight run: what the final findings must read. */
	function straightWindow(scenario: Scenario, seed: number, count: number, limit: number) {
		const memory = new MemorySink(limit);
		const sim = createSimulation(scenario, { sinks: [memory], seed });
		while (sim.trace.count < count && !sim.runUntil(scenario.durationMs, 1)) continue;
		expect(sim.trace.count).toBe(count);
		return { sim, events: memory.events };
	}

	it('a run that ended reads the page window, replayed from a checkpoint: the worker keeps no events', () => {
		const scenario = scenarioFile('sqs-standard-duplicates.json');
		const ahead = new AheadRun(1, scenario, 3, BROWSER_LIMITS, { computing: 300, findings: 2000 });
		let wall = 0;
		while (ahead.state === 'running') ahead.computeFor(10, () => (wall += 1));
		expect(ahead.state).toBe('done');
		const count = ahead.run.sim.trace.count;
		expect(count).toBeGreaterThan(2500 * 1.25);
		expect(ahead.run.sinks.memory.events.length).toBe(0);
		expect(ahead.run.sinks.memory.mark()).toBe(count);
		const straight = straightWindow(scenario, 3, count, 2000);
		expect(straight.events.length).toBeGreaterThanOrEqual(2000);
		expect(toJsonl(ahead.windowEvents())).toBe(toJsonl(straight.events));
		expect(ahead.progress(0).findings).toEqual(findInsights(straight.sim, straight.events));
		expect(ahead.progress(0).findings.length).toBeGreaterThan(0);
	});

	it('a run stopped at a limit between two events of one instant reads the same window as a straight run', () => {
		// The bench's fan-out delivers in the instant it publishes: the limit stops the run inside an instant.
		const fanout = loadScenario(JSON.parse(readFileSync('bench/fanout.json', 'utf8')));
		const ahead = new AheadRun(
			1,
			fanout,
			1,
			{ ...BROWSER_LIMITS, maxEvents: 3000 },
			{
				computing: 200,
				findings: 1500
			}
		);
		let wall = 0;
		while (ahead.state === 'running') ahead.computeFor(10, () => (wall += 1));
		expect(ahead.state).toBe('stopped');
		const { sim } = ahead.run;
		expect(sim.nextEventAt()).toBe(sim.now());
		const count = sim.trace.count;
		const straight = straightWindow(fanout, 1, count, 1500);
		expect(toJsonl(ahead.windowEvents())).toBe(toJsonl(straight.events));
		expect(ahead.windowEvents().at(-1)?.i).toBe(count - 1);
	});

	it('a paused run reads the page window too; running on, its findings read the short one, replayed', () => {
		const scenario = scenarioFile('sqs-poison-dlq.json');
		const ahead = new AheadRun(1, scenario, 2, BROWSER_LIMITS, { computing: 100, findings: 800 });
		let wall = 0;
		while (ahead.run.sim.trace.count < 3000) ahead.computeFor(10, () => (wall += 1));
		ahead.pause();
		const count = ahead.run.sim.trace.count;
		expect(toJsonl(ahead.windowEvents())).toBe(toJsonl(straightWindow(scenario, 2, count, 800).events));
		ahead.resume();
		// A slice of about 500 scheduler events: the run goes on, not to its end.
		ahead.computeFor(0, () => wall);
		const later = ahead.run.sim.trace.count;
		expect(ahead.state).toBe('running');
		expect(later).toBeGreaterThan(count);
		const short = straightWindow(scenario, 2, later, 100);
		expect(toJsonl(ahead.windowEvents(100))).toBe(toJsonl(short.events));
		expect(ahead.run.sinks.memory.events.length).toBe(0);
		// While it runs, the findings it sends read that short window.
		expect(ahead.progress(0).findings).toEqual(findInsights(ahead.run.sim, short.events));
	});
});
