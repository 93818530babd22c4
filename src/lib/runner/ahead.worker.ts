// The worker that computes runs ahead of the playhead, off the page's thread: the page never waits on a long
// computation (a far seek, a heavy link, a long run). Messages: protocol.ts; the loop: ahead-server.ts.

import { AheadServer } from './ahead-server';
import type { FromAhead, ToAhead } from './protocol';

const scope = self as unknown as {
	postMessage(message: FromAhead): void;
	onmessage: ((e: MessageEvent<ToAhead>) => void) | null;
};

// The next slice runs from a message to ourselves, not setTimeout(fn, 0): nested timeouts are clamped to 4 ms,
// which cost a seventh of every 25 ms slice. A message still lets the page's requests in between slices.
const channel = new MessageChannel();
let next: (() => void) | undefined;
channel.port1.onmessage = () => {
	const fn = next;
	next = undefined;
	fn?.();
};

const server = new AheadServer({
	post: (message) => scope.postMessage(message),
	wallNow: () => performance.now(),
	later: (fn) => {
		next = fn;
		channel.port2.postMessage(0);
	},
	// The worker's slices only bound how long a request (a checkpoint, pause) waits for an answer.
	sliceMs: 40
});

scope.onmessage = (e) => server.handle(e.data);
