export * from './access';
export * from './documents';
export * from './recommendations';
export * from './workshops';
