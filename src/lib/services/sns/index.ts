// The SNS service's public surface: what the sandbox and other layers may use.
export * from './endpoint';
export * from './envelope';
export * from './limits';
export * from './subscription-attributes';
export * from './topic';
export { DeliveryPolicyError, parseTopicDeliveryPolicy } from './retry-policy';
export * from './subscription-lifecycle';
export { publishSize, validatePublishInput } from './publish-validation';
