// Direct manipulation recorded as scenario data (state/operator.ts): actions in time order, outage windows
// switched on and off at the playhead, and the markers the timeline draws; every result loads as a scenario.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '$lib/services';
import '$lib/services';
import {
	actionMarkers,
	addAction,
	endpointDown,
	OPEN_ENDED_MS,
	parseEndpointId,
	setOutage
} from '$lib/state/operator';

type Json = Record<string, unknown>;

const doc = (): Json => ({
	version: 1,
	name: 'ops',
	seed: 1,
	durationMs: 60_000,
	nodes: [
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 } },
		{ id: 'q', type: 'sqs-queue' },
		{ id: 'c', type: 'consumer', source: 'q' },
		{ id: 't', type: 'sns-topic', Subscriptions: [{ Protocol: 'https', Endpoint: 'https://a.example/x' }] }
	]
});

describe('operator actions as scenario data', () => {
	it('addAction keeps Actions in time order, a new one after others at the same time', () => {
		const d = doc();
		expect(addAction(d, 'c', { action: 'crash', atMs: 5000 })).toBe(true);
		expect(addAction(d, 'c', { action: 'restart', atMs: 9000 })).toBe(true);
		expect(addAction(d, 'c', { action: 'slow-down', atMs: 5000, factor: 2 })).toBe(true);
		const c = (d.nodes as Json[]).find((n) => n.id === 'c') as { Actions: Json[] };
		expect(c.Actions.map((a) => a.action)).toEqual(['crash', 'slow-down', 'restart']);
		expect(addAction(d, 'nope', { action: 'crash', atMs: 0 })).toBe(false);
		expect(parseScenario(d).ok).toBe(true);
	});

	it('an outage switched on stays open until switched off; off ends the window at the playhead', () => {
		const d = doc();
		expect(setOutage(d, 't', 0, true, 10_000)).toBe(true);
		expect(endpointDown(d, 't', 0, 9_999)).toBe(false);
		expect(endpointDown(d, 't', 0, 10_000)).toBe(true);
		expect(endpointDown(d, 't', 0, 59_000)).toBe(true);
		// Already down: nothing to switch on.
		expect(setOutage(d, 't', 0, true, 20_000)).toBe(false);
		expect(setOutage(d, 't', 0, false, 25_000)).toBe(true);
		expect(setOutage(d, 't', 0, false, 30_000)).toBe(false);
		const sub = ((d.nodes as Json[])[3]?.Subscriptions as Json[])[0] as { Simulated: { Outages: unknown } };
		expect(sub.Simulated.Outages).toEqual([{ fromMs: 10_000, toMs: 25_000 }]);
		expect(parseScenario(d).ok).toBe(true);
	});

	it('an outage switched on before a later window runs until that window starts', () => {
		const d = doc();
		setOutage(d, 't', 0, true, 30_000);
		setOutage(d, 't', 0, false, 40_000);
		setOutage(d, 't', 0, true, 10_000);
		const sub = ((d.nodes as Json[])[3]?.Subscriptions as Json[])[0] as { Simulated: { Outages: unknown } };
		expect(sub.Simulated.Outages).toEqual([
			{ fromMs: 10_000, toMs: 30_000 },
			{ fromMs: 30_000, toMs: 40_000 }
		]);
	});

	it('markers name each action and each outage edge, in time order', () => {
		const d = doc();
		addAction(d, 'p', { action: 'pause', atMs: 20_000 });
		addAction(d, 'q', { action: 'send-message', atMs: 5_000, MessageBody: 'hello' });
		setOutage(d, 't', 0, true, 7_000);
		expect(actionMarkers(d)).toEqual([
			{ t: 5_000, node: 'q', label: 'q: send hello' },
			{ t: 7_000, node: 't', label: 'x: outage on' },
			{ t: 20_000, node: 'p', label: 'p: pause' }
		]);
		setOutage(d, 't', 0, false, 8_000);
		expect(actionMarkers(d).map((m) => m.label)).toContain('x: outage off');
		expect(OPEN_ENDED_MS).toBe(1_000_000_000);
	});

	it('endpoint ids of the stage parse back to topic and subscription', () => {
		expect(parseEndpointId('~ep:alerts:2')).toEqual({ topic: 'alerts', sub: 2 });
		expect(parseEndpointId('~ep:a:b:0')).toEqual({ topic: 'a:b', sub: 0 });
		expect(parseEndpointId('orders')).toBeUndefined();
	});
});
