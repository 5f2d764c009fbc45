export * from './api';
export * from './domain';
export * from './lib';
export * from './protocol';
