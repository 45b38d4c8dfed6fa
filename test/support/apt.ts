/**
 * Install a Debian package for a test that needs a real program (a browser, a mail server) when it
 * is missing and the tests run as root, as CI does; otherwise say how to install it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureDebianPackage(binary: string, pkg: string): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0)
    throw new Error(`${binary} is missing: install Debian's package with "apt-get install -y ${pkg}"`);
  // Another test file may be installing at the same moment: wait for dpkg's lock instead of failing.
  const apt = (...args: string[]) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('install', '-y', pkg);
  } catch {
    apt('update');
    apt('install', '-y', pkg);
  }
  if (!existsSync(binary)) throw new Error(`installing ${pkg} did not provide ${binary}`);
}
