// Opens an address in the person's browser, when this machine has one to open: Windows, macOS, or a Linux desktop
// session (DISPLAY / WAYLAND_DISPLAY). On a server or over SSH there is none: the caller prints the address.
import { spawn } from 'node:child_process';

export interface BrowserCommand {
  command: string;
  args: string[];
}

/** How to open `url` on `platform`, or undefined when there is no browser to open. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): BrowserCommand | undefined {
  // rundll32 rather than `cmd /c start`: cmd would cut the address at its first `&`.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return { command: 'xdg-open', args: [url] };
}

/** Starts the browser on `url`; true once it was launched, false when it could not be. Never throws. */
export function openInBrowser(url: string): Promise<boolean> {
  const how = browserCommand(url);
  if (!how) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(how.command, how.args, { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
