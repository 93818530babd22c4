// Parameter checks shared by the queue's actions.

import { awsError } from '../shared/errors';
import { FIFO_ID_MAX_LENGTH, VISIBILITY_TIMEOUT_S } from './limits';

export function checkVisibility(value: number, name: string): void {
	if (!Number.isInteger(value) || value < VISIBILITY_TIMEOUT_S.min || value > VISIBILITY_TIMEOUT_S.max) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${value} for parameter ${name} is invalid. Reason: Must be >= ${VISIBILITY_TIMEOUT_S.min} and <= ${VISIBILITY_TIMEOUT_S.max}, if provided.`
		);
	}
}

/** SQS-FIFO-2/-3/-8: ids up to 128 characters of printable ASCII. */
export function checkFifoId(name: string, value: string): void {
	if (
		typeof value !== 'string' ||
		value.length < 1 ||
		value.length > FIFO_ID_MAX_LENGTH ||
		!/^[\x21-\x7e]+$/.test(value)
	) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${value} for parameter ${name} is invalid. Reason: ${name} can only include alphanumeric and punctuation characters. 1 to ${FIFO_ID_MAX_LENGTH} in length.`
		);
	}
}
