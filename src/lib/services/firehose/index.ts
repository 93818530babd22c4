// The Firehose service's public surface.
export * from './delivery-stream';
export * from './buffer-lifecycle';
export * from './limits';
