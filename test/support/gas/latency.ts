// The emulator's latency model is the runtime's (src/apps-script/latency-model.ts), so the smoke check on a real
// account compares Google against the very figures the emulator uses.
export * from '../../../src/apps-script/latency-model';
