// SNS subscription filter policies (SNS-FP-1..17) as a pure module: parse and validate a policy the way
// Subscribe / SetSubscriptionAttributes do, match a published message against it, and explain per key and
// per condition why it matched or not (for the inspector). Policies are parsed once into plain data.
//
// AWS evaluates filter policies with its Event Ruler library, so this module follows Ruler where
// SEMANTICS.md is silent: the same validation order and error wording, `$or` falling back to a plain field
// name when it is not a valid OR, strings that look like IP addresses compared as addresses, values of a
// field turned into numbers (or addresses) before matching when a numeric (or CIDR) pattern names that
// field, and array consistency in message bodies (keys matched by elements of the same array must come
// from the same element).
//
// json.ts reads JSON; values.ts handles numbers, addresses, CIDR blocks and wildcards; compile.ts turns a
// policy into rules; match.ts matches a message; explain.ts explains the outcome; types.ts holds the data
// types. This file is the public API.

export {
	FilterPolicyError,
	MAX_DEPTH,
	type Condition,
	type ConditionExplanation,
	type FilterExplanation,
	type FilterPolicy,
	type FilterPolicyScope,
	type KeyExplanation,
	type MessageForFilter,
	type PolicyLeaf,
	type PolicyNode
} from './types';
export { parseFilterPolicy } from './compile';
export { attributeView, matchesFilterPolicy, matchView, type MessageView } from './match';
export { describeCondition, explainFilterPolicy } from './explain';
