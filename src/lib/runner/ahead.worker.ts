// The worker that computes runs ahead of the playhead, off the page's thread: the page never waits on a long
// computation (a far seek, a heavy link, a long run). Messages: protocol.ts; the loop: ahead-server.ts.

import { AheadServer } from './ahead-server';
import type { FromAhead, ToAhead } from './protocol';

const scope = self as unknown as {
	postMessage(message: FromAhead): void;
	onmessage: ((e: MessageEvent<ToAhead>) => void) | null;
};

const server = new AheadServer({
	post: (message) => scope.postMessage(message),
	wallNow: () => performance.now(),
	later: (fn) => setTimeout(fn, 0),
	sliceMs: 25
});

scope.onmessage = (e) => server.handle(e.data);
