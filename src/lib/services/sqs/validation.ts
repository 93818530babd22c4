// Parameter checks shared by the queue's actions.

import { awsError } from '../shared/errors';
import { FIFO_ID_MAX_LENGTH, VISIBILITY_TIMEOUT_S } from './limits';
import {
	binaryBytes,
	invalidBodyCharacter,
	isSqsNumber,
	type MessageAttributeValue,
	type MessageAttributes
} from './message';

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

/**
 * SQS-STD-13: a message attribute name: letters (any script, recorded: LocalStack test_sqs.py
 * test_send_message_with_invalid_string_attributes sends "attr.1øßä"), digits, `_`, `-` and `.`, 1–256
 * characters, no leading, trailing or doubled period.
 */
const ATTRIBUTE_NAME = /^[\p{L}\p{N}_.-]{1,256}$/u;
/** A DataType is at most 256 characters (recorded: test_send_message_with_invalid_string_attributes). */
const DATA_TYPE_MAX_LENGTH = 256;
/** SQS-STD-10: at most 10 message attributes. */
export const MAX_MESSAGE_ATTRIBUTES = 10;

/** SQS-STD-10/-13: at most 10 attributes, valid names, types and values. Throws AWS errors. */
export function checkMessageAttributes(attributes: MessageAttributes | undefined): void {
	if (!attributes) return;
	const names = Object.keys(attributes);
	if (names.length > MAX_MESSAGE_ATTRIBUTES) {
		throw awsError(
			'InvalidParameterValue',
			`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`
		);
	}
	for (const name of names) {
		const v = attributes[name] as MessageAttributeValue;
		const lower = name.toLowerCase();
		if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
			throw awsError('InvalidParameterValue', `Message (user) attribute name '${name}' is invalid.`);
		}
		if (lower.startsWith('aws.') || lower.startsWith('amazon.')) {
			throw awsError(
				'InvalidParameterValue',
				`You can't use the reserved prefix AWS. or Amazon. in the attribute name '${name}'.`
			);
		}
		if (!v || typeof v.DataType !== 'string' || v.DataType === '') {
			throw awsError(
				'InvalidParameterValue',
				`The message attribute '${name}' must contain non-empty message attribute type.`
			);
		}
		const dot = v.DataType.indexOf('.');
		const base = dot < 0 ? v.DataType : v.DataType.slice(0, dot);
		if (
			v.DataType.length > DATA_TYPE_MAX_LENGTH ||
			(base !== 'String' && base !== 'Number' && base !== 'Binary')
		) {
			throw awsError(
				'InvalidParameterValue',
				`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`
			);
		}
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_empty_string_attribute.
		const empty = () =>
			awsError(
				'InvalidParameterValue',
				`Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`
			);
		if (base === 'Binary') {
			if (v.BinaryValue === undefined || binaryBytes(v.BinaryValue).length === 0) throw empty();
			continue;
		}
		if (v.StringValue === undefined || v.StringValue === '') throw empty();
		if (base === 'Number' && !isSqsNumber(v.StringValue)) {
			throw awsError(
				'InvalidParameterValue',
				`Can't cast the value of message (user) attribute '${name}' to a number.`
			);
		}
		const bad = invalidBodyCharacter(v.StringValue);
		if (bad !== undefined) {
			throw awsError(
				'InvalidParameterValue',
				`Message (user) attribute '${name}' contains invalid characters (#x${bad.toString(16).toUpperCase()}).`
			);
		}
	}
}

/** SQS-STD-13: the message system attributes a sender may set: only AWSTraceHeader, a String. */
export function checkMessageSystemAttributes(attributes: MessageAttributes | undefined): void {
	if (!attributes) return;
	for (const [name, v] of Object.entries(attributes)) {
		if (name !== 'AWSTraceHeader') {
			throw awsError('InvalidParameterValue', `Message system attribute name '${name}' is invalid.`);
		}
		if (!v || v.DataType !== 'String') {
			throw awsError('InvalidParameterValue', `Message system attribute '${name}' must be of type 'String'.`);
		}
		if (v.StringValue === undefined || v.StringValue === '') {
			throw awsError(
				'InvalidParameterValue',
				`Message system attribute '${name}' must contain a non-empty value of type 'String'.`
			);
		}
	}
}
