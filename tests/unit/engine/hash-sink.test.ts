// The trace hash over the binary encoding of events (engine/trace.ts HashSink): the same stream gives the same
// digest however it is cut by checkpoints, and any change to any field of any event changes it.
import { describe, expect, it } from 'vitest';
import { HashSink, Random, type TraceEvent } from '$lib/engine';
import { Murmur128 } from '$lib/engine/murmur128';

function events(n: number, seed = 1): TraceEvent[] {
	const rng = Random.from(seed, 'hash-sink');
	const out: TraceEvent[] = [];
	for (let i = 0; i < n; i++) {
		const body = 'x'.repeat(Math.floor(rng.next() * 40)) + (i % 97 === 0 ? '🐦'.repeat(20_000) : '');
		out.push({
			i,
			t: i * 3,
			type: 'enqueued',
			node: `q${i % 3}`,
			msg: `m-${i}`,
			origin: `p-${i}`,
			visibleAt: i * 3 + rng.next() * 10,
			body,
			attributes: { kind: { DataType: 'String', StringValue: ['a', 'b'][i % 2] } },
			list: [1, 'two', null, true, { deep: [i] }]
		} as unknown as TraceEvent);
	}
	return out;
}

const digest = (evs: readonly TraceEvent[]) => {
	const h = new HashSink();
	for (const e of evs) h.write(e);
	return h.digest();
};

/** A mark taken at 10 seeded cuts, cloned and rewound into a fresh sink, goes on to the same digest. */
function expectSameAcrossCuts(evs: readonly TraceEvent[], whole: string, stream: string): void {
	const rng = Random.from(11, stream);
	for (let k = 0; k < 10; k++) {
		const cut = Math.floor(rng.next() * evs.length);
		const a = new HashSink();
		evs.slice(0, cut).forEach((e) => a.write(e));
		const b = new HashSink();
		b.rewind(structuredClone(a.mark()));
		evs.slice(cut).forEach((e) => b.write(e));
		expect(b.digest(), `cut at ${cut}`).toBe(whole);
	}
}

describe('the trace hash', () => {
	it('is the same however checkpoints cut the stream (mark, clone, rewind, go on)', () => {
		const evs = events(600);
		const whole = digest(evs);
		const rng = Random.from(7, 'cuts');
		for (let k = 0; k < 20; k++) {
			const cut = Math.floor(rng.next() * evs.length);
			const a = new HashSink();
			evs.slice(0, cut).forEach((e) => a.write(e));
			const mark = structuredClone(a.mark());
			const b = new HashSink();
			b.write(evs[0] as TraceEvent); // whatever it held before is replaced by the mark
			b.rewind(mark);
			evs.slice(cut).forEach((e) => b.write(e));
			expect(b.digest(), `cut at ${cut}`).toBe(whole);
		}
		// digest() does not disturb the stream.
		const c = new HashSink();
		evs.forEach((e, i) => {
			c.write(e);
			if (i % 50 === 0) c.digest();
		});
		expect(c.digest()).toBe(whole);
	});

	it('changes when any field of any event changes, and with the order of events', () => {
		const evs = events(300);
		const whole = digest(evs);
		const rng = Random.from(3, 'mutations');
		for (let k = 0; k < 40; k++) {
			const copy = structuredClone(evs) as unknown as Record<string, unknown>[];
			const e = copy[Math.floor(rng.next() * copy.length)] as Record<string, unknown>;
			const keys = Object.keys(e);
			const key = keys[Math.floor(rng.next() * keys.length)] as string;
			const v = e[key];
			e[key] = typeof v === 'number' ? v + 1e-9 : typeof v === 'string' ? `${v}.` : null;
			expect(digest(copy as unknown as TraceEvent[]), `${key} changed`).not.toBe(whole);
		}
		const swapped = [...evs];
		[swapped[4], swapped[5]] = [swapped[5] as TraceEvent, swapped[4] as TraceEvent];
		expect(digest(swapped)).not.toBe(whole);
		// A field moving into the next event is a different trace too.
		const a = [{ type: 'x', a: 1 }, { type: 'y' }] as unknown as TraceEvent[];
		const b = [{ type: 'x' }, { type: 'y', a: 1 }] as unknown as TraceEvent[];
		expect(digest(a)).not.toBe(digest(b));
	});

	it('names (node, subscription…) go by their index after the first time, losslessly, past the dictionary cap too', () => {
		// 5,000 distinct node names fill the dictionary (4,096): later ones are written in full every time.
		const evs = Array.from({ length: 12_000 }, (_, i) => ({
			i,
			t: i,
			type: i % 2 ? 'enqueued' : 'deleted',
			node: `n${(i * 7919) % 5000}`,
			subscription: `arn:aws:sns:us-east-1:000000000000:t:${i % 3}`,
			msg: `m-${i}`
		})) as unknown as TraceEvent[];
		const whole = digest(evs);
		expectSameAcrossCuts(evs, whole, 'name-cuts');
		// Which event holds which name matters, before and after the cap, and so does a name's spelling.
		const at = (i: number) => evs[i] as unknown as Record<string, unknown>;
		for (const [x, y] of [
			[10, 11],
			[11_000, 11_001],
			[3, 9_000]
		] as const) {
			const copy = structuredClone(evs) as unknown as Record<string, unknown>[];
			(copy[x] as Record<string, unknown>).node = at(y).node;
			(copy[y] as Record<string, unknown>).node = at(x).node;
			expect(digest(copy as unknown as TraceEvent[]), `nodes of ${x} and ${y} swapped`).not.toBe(whole);
		}
		const renamed = structuredClone(evs) as unknown as Record<string, unknown>[];
		(renamed[11_500] as Record<string, unknown>).subscription = 'arn:aws:sns:us-east-1:000000000000:t:4';
		expect(digest(renamed as unknown as TraceEvent[])).not.toBe(whole);
		// A name and the same text under another key are told apart.
		expect(
			digest([
				{ type: 'x', node: 'a' },
				{ type: 'x', msg: 'a' }
			] as unknown as TraceEvent[])
		).not.toBe(
			digest([
				{ type: 'x', node: 'a' },
				{ type: 'x', node: 'a' }
			] as unknown as TraceEvent[])
		);
	});

	it('keys, recent strings (ids) and numbers in the field word stay lossless, past the key cap too', () => {
		// 5,000 distinct keys (4,095 are numbered, the rest written in full), message ids that repeat for a few
		// events and collide in the table of recent strings, times in tenths, integers about the 16-bit boundary.
		const evs = Array.from({ length: 12_000 }, (_, i) => ({
			i,
			t: i / 10,
			type: 'received',
			[`k${(i * 7919) % 5000}`]: i % 7,
			msg: `e331e272-6b2b-4316-919d-${String(Math.floor(i / 4)).padStart(12, '0')}`,
			n: 65_530 + (i % 12),
			neg: -(i % 3),
			ok: i % 2 === 0,
			v: i % 5 === 0 ? 1 / 3 : i * 1.5
		})) as unknown as TraceEvent[];
		const whole = digest(evs);
		expectSameAcrossCuts(evs, whole, 'key-cuts');
		const changed = (i: number, f: (e: Record<string, unknown>) => void, why: string) => {
			const copy = structuredClone(evs) as unknown as Record<string, unknown>[];
			f(copy[i] as Record<string, unknown>);
			expect(digest(copy as unknown as TraceEvent[]), why).not.toBe(whole);
		};
		// A repeated id replaced by the one before it, or by a near twin (same slot: same length and ends).
		changed(9, (e) => (e.msg = (evs[5] as unknown as Record<string, unknown>).msg), 'an earlier id');
		changed(10, (e) => (e.msg = String(e.msg).replace('6b2b', '6b2c')), 'a twin in the same slot');
		// Tenths against the same number written as a double, and each side of 65,535.
		changed(3, (e) => (e.t = 0.30000000000000004), 'a time just off its tenth');
		changed(5, (e) => (e.n = 65_535 + 65_536), 'past the 16 bits');
		changed(11_999, (e) => (e.k1 = 1), 'an unnumbered key');
		changed(7, (e) => (e.neg = 0), 'a negative integer');
		// The same value under two different keys, and a key moved after the cap.
		const h = (e: object) => digest([e as TraceEvent]);
		expect(h({ type: 'x', a: 1, b: 2 })).not.toBe(h({ type: 'x', b: 1, a: 2 }));
		expect(h({ type: 'x', a: 0.5 })).not.toBe(h({ type: 'x', a: 5 }));
		expect(h({ type: 'x', a: true })).not.toBe(h({ type: 'x', a: 1 }));
		expect(h({ type: 'x', a: null })).not.toBe(h({ type: 'x', a: 0 }));
	});

	it('reads values as JSON does: undefined fields are left out, -0 is 0, non-finite numbers are null', () => {
		const h = (e: object) => digest([e as TraceEvent]);
		expect(h({ type: 'x', a: undefined, b: 1 })).toBe(h({ type: 'x', b: 1 }));
		expect(h({ type: 'x', a: -0 })).toBe(h({ type: 'x', a: 0 }));
		expect(h({ type: 'x', a: Number.NaN })).toBe(h({ type: 'x', a: null }));
		expect(h({ type: 'x', a: 1 })).not.toBe(h({ type: 'x', a: '1' }));
		expect(h({ type: 'x', a: 2 ** 40 })).not.toBe(h({ type: 'x', a: 2 ** 40 + 1 }));
	});

	it('hashes words exactly as the code units they stand for (Murmur128.updateWords)', () => {
		const text = 'abcdefghijklmnop🐦🐦🐦xy'.padEnd(24, '!');
		const words = new Uint32Array(text.length / 2);
		for (let k = 0; k < words.length; k++)
			words[k] = (text.charCodeAt(2 * k) | (text.charCodeAt(2 * k + 1) << 16)) >>> 0;
		expect(new Murmur128().updateWords(words, words.length).hexDigest()).toBe(
			new Murmur128().update(text).hexDigest()
		);
	});
});
