// The in-memory RetexStore passes the RetexStore contract.
import { MemoryRetexStore } from '../../src/app/retex-memory-store';
import { describeRetexStoreContract } from '../support/contract/retex-store-contract';

describeRetexStoreContract('memory', () => ({ store: new MemoryRetexStore() }));
