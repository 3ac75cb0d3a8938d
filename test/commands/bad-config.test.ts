// The configuration cases of the bad-input corpus (test/fixtures/bad-input/config.json) through the `suivi-mes`
// program, as a person runs it with `--config bad.json`: `check-config` and `serve` both stop with exit code 2 and
// the French error naming the file and the field, and `serve` starts nothing (no data folder, no server).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';
import { configCases, patchedConfig, type ConfigCase } from '../support/bad-input';
import { BIN } from '../support/local/serve-process';
import { runMainInProcess } from '../support/main-in-process';

const run = runMainInProcess;

const base = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'suivi.config.json'), 'utf8')) as {
  files: Record<string, string>;
};
// The copy lives in a temporary folder: the data files it names stay the repository's.
for (const key of Object.keys(base.files)) base.files[key] = path.join(REPO_ROOT, base.files[key] as string);

// Were a bad configuration ever accepted, `serve` must fail on the port (0 is refused) rather than start a server.
const NO_PORT = '0';

describe('a bad configuration through suivi-mes --config', () => {
  let dir: string;
  const port = process.env.PORT;
  beforeAll(() => {
    process.env.PORT = NO_PORT;
  });
  afterAll(() => {
    if (port === undefined) delete process.env.PORT;
    else process.env.PORT = port;
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (c: ConfigCase) => {
    const file = path.join(dir, `${c.id}.json`);
    fs.writeFileSync(file, JSON.stringify(patchedConfig(base, c)));
    return file;
  };
  /** The French error: the file, then one line per bad field, this case's among them. */
  const expectNamed = (err: string, file: string, c: ConfigCase) => {
    expect(err).toContain(`${file} n'est pas valide :`);
    expect(err.split('\n')).toContainEqual(
      expect.stringMatching(new RegExp(`^  - ${escape(c.expect.path)} : \\S`)),
    );
  };
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('accepts the repository’s configuration written the same way (the cases fail for their own reason)', async () => {
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify(base));
    const { code, out } = await run(['--config', file, 'check-config']);
    expect(code).toBe(0);
    expect(out).toContain(`Configuration valide : ${file}`);
    // The repository ships no role e-mail: check-config says what that means.
    expect(out).toContain('Attention : roles.ans est vide');
  });

  it.each(configCases().map((c) => [c.id, c] as const))(
    '%s: check-config and serve name the field',
    async (_id, c) => {
      const file = write(c);
      const checked = await run(['--config', file, 'check-config']);
      expect(checked.code).toBe(2);
      expectNamed(checked.err, file, c);
      expect(checked.out).toBe('');

      const data = path.join(dir, 'data');
      const served = await run(['--config', file, '--data', data, 'serve']);
      expect(served.code).toBe(2);
      expectNamed(served.err, file, c);
      expect(fs.existsSync(data)).toBe(false);
    },
  );

  it('stops the real command with exit code 2 and the French error on stderr', () => {
    const c = configCases()[0];
    if (!c) throw new Error('no config case');
    const file = write(c);
    for (const command of ['check-config', 'serve']) {
      const res = spawnSync(
        process.execPath,
        [BIN, '--config', file, '--data', path.join(dir, 'data'), command],
        {
          encoding: 'utf8',
          env: { ...process.env, PORT: NO_PORT },
          timeout: 30_000,
        },
      );
      expect(res.status).toBe(2);
      expectNamed(res.stderr, file, c);
      expect(res.stdout).toBe('');
    }
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });
});
