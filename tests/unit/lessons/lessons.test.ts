// Every lesson runs headless: its phenomenon really happens, not before the question's checkpoint, and by the end
// of that step's reveal; its checkpoints lie inside the run and go forward; its questions are honest (three
// options or more) and their answers are not always in the same place. Every challenge's starting scenario fails
// its grade and a known solution, applied to the scenario JSON here, passes.
import { describe, expect, it } from 'vitest';
import { MemorySink, type Scenario, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import { CHALLENGES, LESSONS, seededShuffle, type Challenge } from '$lib/lessons';

function run(doc: unknown): { scenario: Scenario; events: TraceEvent[] } {
	const scenario = loadScenario(doc);
	const mem = new MemorySink();
	createSimulation(scenario, { sinks: [mem] }).run();
	return { scenario, events: mem.events as TraceEvent[] };
}

type Node = Record<string, unknown>;
type Doc = { nodes: Node[] };
/** The scenario with one node changed, as the Edit panel or the Act section would. */
function edit(doc: unknown, id: string, change: (n: Node) => Node): unknown {
	const copy = structuredClone(doc) as Doc;
	copy.nodes = copy.nodes.map((n) => (n.id === id ? change(n) : n));
	return copy;
}

describe('lessons', () => {
	it('there are at least 12, and with the challenges at least 16', () => {
		expect(LESSONS.length).toBeGreaterThanOrEqual(12);
		expect(LESSONS.length + CHALLENGES.length).toBeGreaterThanOrEqual(16);
		expect(new Set([...LESSONS, ...CHALLENGES].map((l) => l.id)).size).toBe(
			LESSONS.length + CHALLENGES.length
		);
	});

	it('answers are not always in the same place, and every question offers at least three options', () => {
		const positions = new Set<number>();
		for (const l of LESSONS)
			for (const s of l.steps)
				if (s.question) {
					positions.add(s.question.answer);
					expect(s.question.options.length, l.id).toBeGreaterThanOrEqual(3);
					expect(new Set(s.question.options).size).toBe(s.question.options.length);
					expect(s.question.answer).toBeGreaterThanOrEqual(0);
					expect(s.question.answer).toBeLessThan(s.question.options.length);
				}
		expect(positions.size).toBeGreaterThanOrEqual(3);
	});

	it('the shuffle is deterministic', () => {
		expect(seededShuffle([1, 2, 3, 4], 'x')).toEqual(seededShuffle([1, 2, 3, 4], 'x'));
		expect(seededShuffle([1, 2, 3, 4], 'x').sort()).toEqual([1, 2, 3, 4]);
	});

	for (const lesson of LESSONS) {
		it(`${lesson.id}: ${lesson.phenomenon.claim}, after the question and by the end of its reveal`, () => {
			const { scenario, events } = run(lesson.scenario);
			expect(lesson.phenomenon.holds(events)).toBe(true);
			const first = lesson.phenomenon.firstAt(events);
			expect(first).toBeDefined();
			const asking = lesson.steps.filter((s) => s.question);
			expect(asking.length).toBeGreaterThan(0);
			const q = asking[0]!;
			expect(q.at, 'a question has a checkpoint').toBeDefined();
			expect(q.reveal, 'a question has a reveal').toBeDefined();
			expect(first!).toBeGreaterThan(q.at!);
			expect(first!).toBeLessThanOrEqual(q.reveal!.until);
			// Checkpoints go forward (Next plays, never jumps back) and lie inside the run.
			let t = 0;
			for (const s of lesson.steps) {
				if (s.at !== undefined) {
					expect(s.at).toBeGreaterThanOrEqual(t);
					t = s.at;
				}
				if (s.reveal) {
					expect(s.reveal.until).toBeGreaterThan(t);
					t = s.reveal.until;
				}
				expect(t).toBeLessThanOrEqual(scenario.durationMs);
			}
		});
	}
});

describe('step texts agree with the stage at their checkpoint', () => {
	const eventsOf = (id: string) => run(LESSONS.find((l) => l.id === id)!.scenario).events;
	it('duplicates: 71 orders were sent by 35 s, and none delivered twice yet', () => {
		const ev = eventsOf('duplicates');
		expect(ev.filter((e) => e.type === 'produced' && e.t <= 35_000).length).toBe(71);
		expect(ev.some((e) => e.type === 'received' && e.duplicate === true && e.t <= 35_000)).toBe(false);
	});
	it('visibility: at 4.5 s the first order is in flight and still being processed', () => {
		const ev = eventsOf('visibility');
		const first = ev.find((e) => e.type === 'processing-started')!;
		expect(first.t).toBeLessThan(500);
		expect(ev.some((e) => e.type === 'processed' && e.origin === first.origin && e.t <= 4_500)).toBe(false);
	});
	it('fifo-hol: acme’s next order after 7.5 s is the slow one', () => {
		const ev = eventsOf('fifo-hol');
		const next = ev.find((e) => e.type === 'produced' && e.node === 'acme' && e.t > 7_500);
		expect(next?.type === 'produced' && next.body.includes('slow')).toBe(true);
	});
	it('fifo-release: at 11.9 s worker 0 got orders 11–15 in one receive and is on order 14, which fails', () => {
		const ev = eventsOf('fifo-release');
		const batch = ev.filter((e) => e.type === 'received' && e.t > 10_000 && e.t <= 10_420);
		expect(batch.map((e) => e.origin)).toEqual([
			'shop-11',
			'shop-11',
			'shop-12',
			'shop-13',
			'shop-14',
			'shop-15'
		]);
		const on = ev.filter((e) => e.type === 'processing-started' && e.t <= 11_900).at(-1);
		expect(on?.origin).toBe('shop-14');
		expect(on?.type === 'processing-started' && on.worker).toBe('workers/0');
		const result = ev.find((e) => e.type === 'processed' && e.origin === 'shop-14' && e.t > 11_900);
		expect(result?.type === 'processed' && result.ok).toBe(false);
	});
	it('bisect: at 1.2 s two batches of 20 are in flight, and one of them fails', () => {
		const ev = eventsOf('bisect');
		const inFlight = ev.filter((e) => e.type === 'batch-invoked' && e.t <= 1_200 && e.until > 1_200);
		expect(inFlight.map((e) => (e.type === 'batch-invoked' ? e.size : 0))).toEqual([20, 20]);
		expect(ev.some((e) => e.type === 'batch-result' && !e.ok && e.t <= 1_200)).toBe(false);
	});
	it('sns-filters: the first order is from us-east-1 with a total of 220', () => {
		const first = eventsOf('sns-filters').find((e) => e.type === 'produced');
		expect(first?.type === 'produced' && first.body).toContain('"total": 220');
		expect(first?.type === 'produced' && first.attributes?.region?.StringValue).toBe('us-east-1');
	});
});

/** A known solution per challenge: the one parameter or action a learner would change. */
const SOLUTIONS: Record<string, (doc: unknown) => unknown> = {
	'challenge-no-twice': (d) => edit(d, 'workers', (n) => ({ ...n, Idempotent: true })),
	'challenge-visibility': (d) => edit(d, 'orders', (n) => ({ ...n, VisibilityTimeout: 30 })),
	'challenge-fifo-poison': (d) =>
		edit(d, 'orders.fifo', (n) => ({
			...n,
			RedrivePolicy: { deadLetterTargetArn: 'orders-dlq.fifo', maxReceiveCount: 3 }
		})),
	'challenge-drain-dlq': (d) =>
		edit(d, 'payments-dlq', (n) => ({
			...n,
			Actions: [{ action: 'start-message-move-task', atMs: 100_000, MaxNumberOfMessagesPerSecond: 10 }]
		})),
	'challenge-split': (d) =>
		edit(d, 'events', (n) => ({
			...n,
			Actions: [{ action: 'split', atMs: 10_000, ShardToSplit: 'shardId-000000000000' }]
		})),
	'challenge-hot-key': (d) => edit(d, 'web', (n) => ({ ...n, PartitionKey: 'key-{rand:1000}' }))
};

describe('challenges', () => {
	it('there are at least four', () => {
		expect(CHALLENGES.length).toBeGreaterThanOrEqual(4);
	});
	for (const c of CHALLENGES as Challenge[]) {
		it(`${c.id}: the starting scenario fails, a known solution passes`, () => {
			const start = run(c.scenario);
			const failed = c.grade(start.scenario, start.events);
			expect(failed.pass, failed.message).toBe(false);
			const solve = SOLUTIONS[c.id];
			expect(solve, `a solution for ${c.id}`).toBeDefined();
			const solved = run(solve!(c.scenario));
			const passed = c.grade(solved.scenario, solved.events);
			expect(passed.pass, passed.message).toBe(true);
			expect(c.hints.length).toBeGreaterThan(0);
		});
	}
});
