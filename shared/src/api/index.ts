export * from './access';
export * from './briefs';
export * from './documents';
export * from './recommendations';
export * from './versions';
export * from './workshops';
