export * from './awareness';
export * from './closeCodes';
export * from './documentId';
