// The stage's exports: the picture as SVG or PNG, and a few seconds of the playing run as a WebM video. The
// stage component hands over its elements and the tokens it drew; this only reads them.

import { kindColour } from '$lib/viz/marks/palette';
import type { Token } from '$lib/viz/marks/tokens';

export interface StageElements {
	svg: SVGSVGElement;
	host: HTMLElement;
	canvas: HTMLCanvasElement;
	tokens: readonly Token[];
	width: number;
	height: number;
}

function download(href: string, name: string) {
	const a = document.createElement('a');
	a.href = href;
	a.download = name;
	a.click();
}

export class StageExporter {
	recording = $state(false);
	#get: () => StageElements;
	#play: () => void;

	constructor(get: () => StageElements, play: () => void) {
		this.#get = get;
		this.#play = play;
	}

	/** The stage as a standalone SVG: the topology plus the current tokens as circles (styles inlined). */
	stageSvg(withDots = true): string {
		const { svg, host, tokens } = this.#get();
		const clone = svg.cloneNode(true) as SVGSVGElement;
		clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
		const css = getComputedStyle(host);
		const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
		style.textContent = `text{font:11px system-ui,sans-serif;fill:${css.getPropertyValue('--ink') || '#111'}}
			rect{fill:${css.getPropertyValue('--panel') || '#fff'};stroke:#94a3b8}path{fill:none;stroke:#94a3b8}`;
		clone.prepend(style);
		const g = clone.querySelector('g');
		for (const d of withDots ? tokens : []) {
			const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
			c.setAttribute('cx', String(d.x));
			c.setAttribute('cy', String(d.y));
			c.setAttribute('r', String(d.r));
			c.setAttribute('fill', d.fill ?? kindColour(d.kind, false));
			g?.appendChild(c);
		}
		return new XMLSerializer().serializeToString(clone);
	}

	exportSvg = (): void => {
		const url = URL.createObjectURL(new Blob([this.stageSvg()], { type: 'image/svg+xml' }));
		download(url, 'pigeonhole-stage.svg');
		URL.revokeObjectURL(url);
	};

	exportPng = (): void => {
		const { host, width, height } = this.#get();
		const img = new Image();
		const url = URL.createObjectURL(new Blob([this.stageSvg()], { type: 'image/svg+xml' }));
		img.onload = () => {
			const out = document.createElement('canvas');
			out.width = width * 2;
			out.height = height * 2;
			const ctx = out.getContext('2d');
			if (!ctx) return;
			ctx.fillStyle = getComputedStyle(host).getPropertyValue('--bg') || '#fff';
			ctx.fillRect(0, 0, out.width, out.height);
			ctx.drawImage(img, 0, 0, out.width, out.height);
			URL.revokeObjectURL(url);
			download(out.toDataURL('image/png'), 'pigeonhole-stage.png');
		};
		img.src = url;
	};

	/** Record a few seconds of the playing run as a WebM video (topology as a still background, live tokens). */
	record(seconds = 5): void {
		if (this.recording || typeof MediaRecorder === 'undefined') return;
		const { host, canvas, width, height } = this.#get();
		const img = new Image();
		const url = URL.createObjectURL(new Blob([this.stageSvg(false)], { type: 'image/svg+xml' }));
		img.onload = () => {
			URL.revokeObjectURL(url);
			const out = document.createElement('canvas');
			out.width = width;
			out.height = height;
			const ctx = out.getContext('2d');
			if (!ctx) return;
			const recorder = new MediaRecorder(out.captureStream(30), { mimeType: 'video/webm' });
			const chunks: Blob[] = [];
			recorder.ondataavailable = (e) => chunks.push(e.data);
			recorder.onstop = () => {
				this.recording = false;
				const video = URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
				download(video, 'pigeonhole-run.webm');
				URL.revokeObjectURL(video);
			};
			this.recording = true;
			recorder.start();
			this.#play();
			const started = performance.now();
			const frame = () => {
				ctx.fillStyle = getComputedStyle(host).getPropertyValue('--bg') || '#fff';
				ctx.fillRect(0, 0, width, height);
				// The background was captured without tokens; draw the live canvas over it.
				ctx.drawImage(img, 0, 0, width, height);
				ctx.drawImage(canvas, 0, 0, width, height);
				if (performance.now() - started < seconds * 1000) requestAnimationFrame(frame);
				else recorder.stop();
			};
			requestAnimationFrame(frame);
		};
		img.src = url;
	}
}
