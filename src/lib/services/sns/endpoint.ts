// Simulated subscriber endpoints for SNS deliveries that do not land in another simulated node: HTTP/S
// servers with latency, error rates, outage windows and a request-rate limit; email and SMS (slow,
// rate-limited); Lambda's asynchronous invoke and Firehose (AWS-managed, accept at once). An attempt's
// outcome is decided from the endpoint's spec, the simulated time and a seeded stream.

import type { Random } from '../../engine/random';

export interface EndpointBehaviour {
	/** Response time of one attempt [sim]. */
	LatencyMs?: number;
	/** Chance of a 5xx response (server-side: retried, SNS-RETRY-5). */
	ErrorRate?: number;
	/** Chance of a 4xx response (client-side: no retry, straight to the DLQ, SNS-RETRY-5). */
	ClientErrorRate?: number;
	/** Windows when the endpoint is down: 503 or no answer (time-out after 15 s). */
	Outages?: { fromMs: number; toMs: number; failure?: 'status-503' | 'timeout' | 'connection' }[];
	/** Requests per second the endpoint accepts; more get 429 [sim: retried, unverified]. */
	MaxPerSecond?: number;
	/** The endpoint has been deleted or lost its permission: a client-side error (SNS-DLQ-2). */
	Deleted?: boolean;
}

export type AttemptOutcome =
	| { kind: 'success'; status?: number; durationMs: number }
	| { kind: 'server-error'; status?: number; error: string; durationMs: number }
	| { kind: 'client-error'; status?: number; error: string; durationMs: number };

/** SNS-TOP-3: an HTTP/S delivery succeeds on a 2xx within 15 s. */
export const HTTP_TIMEOUT_MS = 15_000;

const DEFAULT_LATENCY: Record<string, number> = {
	http: 80,
	https: 80,
	email: 2_000,
	'email-json': 2_000,
	sms: 1_500,
	lambda: 10,
	firehose: 20,
	application: 300
};

export function defaultLatencyMs(protocol: string): number {
	return DEFAULT_LATENCY[protocol] ?? 50;
}

/** [sim] Email and SMS endpoints are slow and rate-limited by default (deliveries per second). */
const DEFAULT_RATE: Record<string, number> = { email: 10, 'email-json': 10, sms: 20 };

export function defaultMaxPerSecond(protocol: string): number | undefined {
	return DEFAULT_RATE[protocol];
}

/** Decide one attempt. `countThisSecond` is how many attempts this endpoint already took this second. */
export function attemptEndpoint(
	protocol: string,
	b: EndpointBehaviour,
	now: number,
	countThisSecond: number,
	rng: Random
): AttemptOutcome {
	const latency = b.LatencyMs ?? defaultLatencyMs(protocol);
	if (b.Deleted) return { kind: 'client-error', error: 'EndpointDeleted', durationMs: latency };
	const outage = (b.Outages ?? []).find((o) => now >= o.fromMs && now < o.toMs);
	if (outage) {
		const failure = outage.failure ?? 'status-503';
		if (failure === 'timeout') return { kind: 'server-error', error: 'Timeout', durationMs: HTTP_TIMEOUT_MS };
		if (failure === 'connection') return { kind: 'server-error', error: 'ConnectionRefused', durationMs: 5 };
		return { kind: 'server-error', status: 503, error: 'HTTP 503', durationMs: latency };
	}
	if (latency > HTTP_TIMEOUT_MS && (protocol === 'http' || protocol === 'https')) {
		return { kind: 'server-error', error: 'Timeout', durationMs: HTTP_TIMEOUT_MS };
	}
	const limit = b.MaxPerSecond ?? defaultMaxPerSecond(protocol);
	if (limit !== undefined && countThisSecond >= limit) {
		return { kind: 'server-error', status: 429, error: 'HTTP 429 Too Many Requests', durationMs: latency };
	}
	// One draw decides between client error, server error and success.
	const r = rng.next();
	const client = b.ClientErrorRate ?? 0;
	const server = b.ErrorRate ?? 0;
	if (r < client) return { kind: 'client-error', status: 400, error: 'HTTP 400', durationMs: latency };
	if (r < client + server)
		return { kind: 'server-error', status: 500, error: 'HTTP 500', durationMs: latency };
	return { kind: 'success', status: 200, durationMs: latency };
}
