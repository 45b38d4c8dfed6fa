/**
 * A real IMAP server for the mailbox-intake tests: Debian's Dovecot, started on a free loopback
 * port with a configuration, a user and a Maildir of its own in a temporary folder. Installs the
 * package when it is missing and the tests run as root (as CI does); otherwise says how.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { ensureDebianPackage } from './apt.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chownSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

function ensureDovecot(): void {
  ensureDebianPackage(DOVECOT, 'dovecot-imapd');
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Dovecot {
  url: string;
  user: string;
  password: string;
  port: number;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<Dovecot> {
  ensureDovecot();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-imap-'));
  // Dovecot's own processes (auth, login) run as its unprivileged users and must read the folder.
  chmodSync(dir, 0o755);
  const home = path.join(dir, 'home');
  mkdirSync(home);
  mkdirSync(path.join(dir, 'run'));
  mkdirSync(path.join(dir, 'state'));
  // Mail is kept as an unprivileged user: Dovecot refuses to serve mail as root.
  const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
  const nogroup = Number(execFileSync('id', ['-g', 'nobody']).toString().trim());
  chownSync(home, nobody, nogroup);
  const port = await freePort();
  const password = 'imap-test-password';
  writeFileSync(path.join(dir, 'passwd'), `writ:{PLAIN}${password}::::::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = writ-test-${port}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${nobody} gid=${nogroup} home=${home}/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
log_path = ${dir}/log
default_login_user = dovenull
default_internal_user = dovecot
`,
  );
  const proc: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore' });
  // Ready once it accepts connections.
  const until = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('Dovecot did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `imap://writ:${password}@127.0.0.1:${port}/INBOX`,
    user: 'writ',
    password,
    port,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
