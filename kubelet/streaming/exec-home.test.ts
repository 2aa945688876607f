import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASHRC, ensureHome, execEnvironment } from './exec-home.js';

const tmp = mkdtempSync(join(tmpdir(), 'exec-home-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('execEnvironment', () => {
  it.each([
    ['adds HOME', { PATH: '/bin', HOSTNAME: 'hello' }, '/h', { PATH: '/bin', HOSTNAME: 'hello', HOME: '/h' }],
    ['keeps a HOME the container spec sets', { HOME: '/data' }, '/h', { HOME: '/data' }],
    ['leaves the env alone without a home dir', { PATH: '/bin' }, undefined, { PATH: '/bin' }],
  ])('%s', (_what, env, home, expected) => {
    expect(execEnvironment(env, home)).toEqual(expected);
  });
});

describe('ensureHome', () => {
  it('writes a .bashrc whose prompt is root@<pod>:<dir># for a root shell', async () => {
    const home = join(tmp, 'a', 'home');
    await ensureHome(home);
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toBe(BASHRC);
    // What bash makes of PS1 after sourcing it, with the pod's HOSTNAME.
    const ps1 = execFileSync('bash', ['-c', `source ${join(home, '.bashrc')}; cd /; echo "\${PS1@P}"`], { env: { HOSTNAME: 'hello', PATH: process.env.PATH }, encoding: 'utf8' });
    const user = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
    expect(ps1).toBe(`${user}@hello:/${user === 'root' ? '#' : '$'} \n`);
  });

  it('keeps a .bashrc that is already there', async () => {
    const home = join(tmp, 'b');
    await ensureHome(home);
    writeFileSync(join(home, '.bashrc'), 'edited\n');
    await ensureHome(home);
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toBe('edited\n');
  });
});
