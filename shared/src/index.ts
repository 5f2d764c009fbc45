export * from './lib';
export * from './protocol';
