// The animation loop: the simulator follows wall time, one tick per animation frame. With reduced motion the
// picture still follows time, but at most ~4 frames a second. Returns a function that stops the loop.

export interface Ticking {
	tick(dtMs: number): void;
}

export function startAnimation(
	sim: Ticking,
	options: {
		reduced?: boolean;
		now?: () => number;
		request?: (f: (t: number) => void) => number;
		cancel?: (id: number) => void;
	} = {}
): () => void {
	const reduced = options.reduced ?? window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	const request = options.request ?? ((f: (t: number) => void) => requestAnimationFrame(f));
	const cancel = options.cancel ?? ((id: number) => cancelAnimationFrame(id));
	let last = (options.now ?? (() => performance.now()))();
	let frame = request(function loop(t) {
		if (!reduced || t - last > 250) {
			sim.tick(t - last);
			last = t;
		}
		frame = request(loop);
	});
	return () => cancel(frame);
}
