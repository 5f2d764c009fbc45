import { describeDocumentStoreContract } from '../documentStoreContract';
import { MemoryDocumentStore } from './MemoryDocumentStore';

describeDocumentStoreContract('memory', {
  create: async () => new MemoryDocumentStore(),
});
