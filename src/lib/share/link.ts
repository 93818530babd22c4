// Share links: the scenario, seed and playhead packed into the URL fragment — versioned, deflate-compressed
// (the browser's own CompressionStream, no library shipped), base64url. Decoding never throws: a broken,
// truncated, oversized or unknown-version link gives a clear message, and the app keeps what it had.

import { ScenarioError, type Scenario } from '$lib/engine';
import { parseScenario } from '$lib/services';

export const LINK_VERSION = 1;
/** Longest fragment accepted (characters) and largest inflated payload (bytes). */
export const MAX_FRAGMENT = 200_000;
export const MAX_INFLATED = 2_000_000;

export interface SharedView {
	/** The side panel that was open. */
	tab?: string;
	/** Playback speed. */
	speed?: number;
	/** The selected node, if any. */
	node?: string;
	/** The "Your turn" challenge open in the Lessons panel, if any (its id). */
	lesson?: string;
}

export interface SharedRun {
	scenario: Scenario;
	seed: number;
	/** Playhead, simulated ms. */
	t: number;
	view?: SharedView;
}

export type DecodeResult = { ok: true; run: SharedRun } | { ok: false; error: string };

/** Earlier link versions upgraded to the current payload shape (none yet besides v1). */
const LINK_MIGRATIONS: Record<number, (payload: unknown) => unknown> = {};

function toBase64Url(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('contains characters that cannot appear in a link');
	const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream,
	cap: number
): Promise<Uint8Array> {
	const writer = stream.writable.getWriter();
	void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
	void writer.close().catch(() => undefined);
	const reader = stream.readable.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > cap) {
			await reader.cancel();
			throw new Error(`it unpacks to more than ${cap.toLocaleString('en-US')} bytes`);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** `#v1.<payload>` for a run. */
export async function encodeShareFragment(run: SharedRun): Promise<string> {
	const json = JSON.stringify({
		scenario: run.scenario,
		seed: run.seed,
		t: Math.round(run.t),
		...(run.view ? { view: run.view } : {})
	});
	const packed = await pipe(
		new TextEncoder().encode(json),
		new CompressionStream('deflate-raw'),
		Number.POSITIVE_INFINITY
	);
	return `#v${LINK_VERSION}.${toBase64Url(packed)}`;
}

/** Decode a fragment (with or without the leading #). Never throws. */
export async function decodeShareFragment(fragment: string): Promise<DecodeResult> {
	try {
		const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
		if (text.length > MAX_FRAGMENT) {
			return {
				ok: false,
				error: `This link is too long (${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_FRAGMENT.toLocaleString('en-US')}).`
			};
		}
		const m = /^v(\d+)\.(.*)$/s.exec(text);
		if (!m)
			return { ok: false, error: 'This link is not a Pigeonhole share link (it should start with #v1.).' };
		const version = Number(m[1]);
		if (version > LINK_VERSION || (version !== LINK_VERSION && !LINK_MIGRATIONS[version])) {
			return {
				ok: false,
				error: `This link was made by a newer or unknown version of Pigeonhole (link version ${version}; this app reads version ${LINK_VERSION}).`
			};
		}
		let bytes: Uint8Array;
		try {
			bytes = fromBase64Url(m[2] ?? '');
		} catch (err) {
			return { ok: false, error: `This link is garbled: it ${(err as Error).message}.` };
		}
		let inflated: Uint8Array;
		try {
			inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED);
		} catch (err) {
			const why = (err as Error).message;
			return {
				ok: false,
				error: why.startsWith('it unpacks')
					? `This link is too large: ${why}.`
					: 'This link is truncated or garbled: its data cannot be unpacked.'
			};
		}
		let payload: unknown;
		try {
			payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
		} catch {
			return { ok: false, error: 'This link is garbled: its data is not valid JSON.' };
		}
		const migrate = version === LINK_VERSION ? undefined : LINK_MIGRATIONS[version];
		if (migrate) payload = migrate(payload);
		if (!payload || typeof payload !== 'object') return { ok: false, error: 'This link holds no scenario.' };
		const p = payload as { scenario?: unknown; seed?: unknown; t?: unknown; view?: unknown };
		const parsed = parseScenario(p.scenario);
		if (!parsed.ok) {
			return {
				ok: false,
				error: `The scenario in this link is invalid:\n${new ScenarioError(parsed.errors).message}`
			};
		}
		const seed =
			typeof p.seed === 'number' && Number.isInteger(p.seed) && p.seed >= 0 && p.seed <= 0xffffffff
				? p.seed
				: parsed.scenario.seed;
		const t =
			typeof p.t === 'number' && Number.isFinite(p.t)
				? Math.max(0, Math.min(p.t, parsed.scenario.durationMs))
				: 0;
		const view = readView(p.view);
		return { ok: true, run: { scenario: parsed.scenario, seed, t, ...(view ? { view } : {}) } };
	} catch (err) {
		return { ok: false, error: `This link cannot be read: ${(err as Error).message}` };
	}
}

/** Only well-formed view fields are kept; anything else in a link is ignored. */
function readView(v: unknown): SharedView | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const o = v as Record<string, unknown>;
	const view: SharedView = {};
	if (typeof o.tab === 'string' && /^[a-z]{1,20}$/.test(o.tab)) view.tab = o.tab;
	if (typeof o.speed === 'number' && Number.isFinite(o.speed) && o.speed > 0 && o.speed <= 1000)
		view.speed = o.speed;
	if (typeof o.node === 'string' && o.node.length <= 80) view.node = o.node;
	if (typeof o.lesson === 'string' && /^[a-z0-9-]{1,60}$/.test(o.lesson)) view.lesson = o.lesson;
	return Object.keys(view).length > 0 ? view : undefined;
}
