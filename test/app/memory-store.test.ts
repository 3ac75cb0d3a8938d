import { MemoryStore } from '../../src/app/memory-store';
import { describeStoreContract } from '../support/contract/store-contract';

describeStoreContract('memory', () => {
  const store = new MemoryStore();
  return { store, reopen: () => new MemoryStore(store.state) };
});
