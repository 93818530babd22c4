// Human durations for the CLI and UI: "90s", "10m", "1h30m", "250ms", or plain milliseconds.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parse "10m", "1h30m", "2.5s", "250ms" or "1500" (ms). Returns undefined when malformed. */
export function parseDuration(text: string): number | undefined {
	const t = text.trim();
	if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
	const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
	let total = 0;
	let matched = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(t)) !== null) {
		total += Number(m[1]) * (UNITS[m[2] as string] as number);
		matched = re.lastIndex;
	}
	return matched === t.length && matched > 0 ? Math.round(total) : undefined;
}

/** "1h 02m 03.456s"-style compact text. */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = (ms % 60_000) / 1000;
	const parts: string[] = [];
	if (h) parts.push(`${h}h`);
	if (m || h) parts.push(`${m}m`);
	parts.push(`${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`);
	return parts.join(' ');
}

/** The stage clock: mm:ss.mmm (hours prefixed when needed). */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.floor(ms));
	const h = Math.floor(total / 3_600_000);
	const m = Math.floor((total % 3_600_000) / 60_000);
	const s = Math.floor((total % 60_000) / 1000);
	const milli = total % 1000;
	const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
	return h > 0 ? `${h}:${mmss}` : mmss;
}
