export * from './access';
export * from './documents';
export * from './workshops';
