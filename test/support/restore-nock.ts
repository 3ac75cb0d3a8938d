// Jest runs many test files in one worker, and Node's http and https modules are shared by all of them: nock patches
// them when a file first requires it and keeps them patched. Restored after each file that loaded nock, so that a
// later file's real connections (a loopback proxy, a local server) do not meet a leftover interceptor.
afterAll(() => {
  const loaded = Object.keys(require.cache).some((id) => /[\\/]node_modules[\\/]nock[\\/]/.test(id));
  if (!loaded) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nock = require('nock') as typeof import('nock');
  nock.cleanAll();
  nock.restore();
});
