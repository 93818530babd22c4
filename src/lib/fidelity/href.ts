// Links to a rule's row of the fidelity page (src/routes/fidelity): `<base>/fidelity/#SQS-FIFO-5`.
import { resolve } from '$app/paths';

export { fidelityHref } from './href-core';

/** The address of a rule's row on the fidelity page. */
export function ruleHref(id: string): string {
	return resolve(`/fidelity/#${id}`);
}
