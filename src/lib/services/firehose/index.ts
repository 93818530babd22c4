// The Firehose service's public surface.
export * from './delivery-stream';
