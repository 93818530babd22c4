// The SQS service's public surface: what the sandbox and other layers may use.
export * from './config';
export * from './message';
export * from './message-lifecycle';
export * from './queue';
