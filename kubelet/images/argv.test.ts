import { describe, expect, it } from 'vitest';
import { expandContainerCommand, NoCommandError, resolveArgv, type ContainerCommand } from './argv.js';
import { resolveImage, type CatalogueEntry } from './catalogue.js';

const hello = resolveImage('nginxdemos/hello:plain-text')!;
const doraemon = resolveImage('posquit0/doraemon')!;
const crash = resolveImage('kubelab/crash')!;
const noCmd: CatalogueEntry = { ...crash, config: { ...crash.config, entrypoint: [], cmd: [] } };

describe('resolveArgv (Kubernetes command/args rules)', () => {
  it.each<[string, CatalogueEntry, ContainerCommand, string[], string]>([
    ['image entrypoint + cmd', hello, {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], 'builtin:hello-plain-text'],
    ['args replace cmd', hello, { args: ['nginx', '-g', 'daemon off; worker_processes 2;'] }, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off; worker_processes 2;'], 'builtin:hello-plain-text'],
    ['command replaces entrypoint and drops cmd', hello, { command: ['nginx'] }, ['nginx'], 'builtin:hello-plain-text'],
    ['command + args', hello, { command: ['nginx'], args: ['-g', 'daemon off;'] }, ['nginx', '-g', 'daemon off;'], 'builtin:hello-plain-text'],
    ['a host program as command', hello, { command: ['sh', '-c', 'echo hi'] }, ['sh', '-c', 'echo hi'], 'exec:sh'],
    ['the entrypoint script execs its non-nginx arguments', hello, { args: ['sh', '-c', 'env'] }, ['sh', '-c', 'env'], 'exec:sh'],
    ['doraemon stays up with its CMD', doraemon, {}, ['sleep', 'infinity'], 'builtin:sleep'],
    ['kubectl run ... -- bash', doraemon, { args: ['bash'] }, ['bash'], 'exec:bash'],
    ['a sleep of the pod’s choosing', doraemon, { command: ['sleep', '3600'] }, ['sleep', '3600'], 'builtin:sleep'],
    ['an absolute path', crash, { command: ['/bin/echo', 'x'] }, ['/bin/echo', 'x'], 'exec:/bin/echo'],
    ['empty lists count as unset', crash, { command: [], args: [] }, ['/crash'], 'builtin:crash'],
  ])('%s', (_name, entry, container, argv, program) => {
    const r = resolveArgv(entry, container);
    expect(r.argv).toEqual(argv);
    expect(r.program.kind === 'builtin' ? `builtin:${r.program.name}` : `exec:${r.program.path}`).toBe(program);
  });

  it('fails with containerd’s message when nothing says what to run', () => {
    expect(() => resolveArgv(noCmd, {})).toThrow(NoCommandError);
    expect(() => resolveArgv(noCmd, {})).toThrow('no command specified');
    expect(resolveArgv(noCmd, { args: ['sh'] }).argv).toEqual(['sh']);
  });

  it('expands $(VAR) in command and args from the container environment', () => {
    const r = resolveArgv(hello, { command: ['sh', '-c', 'echo $(GREETING) $$(GREETING) $HOME'] }, { GREETING: 'hi' });
    expect(r.argv).toEqual(['sh', '-c', 'echo hi $(GREETING) $HOME']);
  });
});

describe('expandContainerCommand', () => {
  const env = { A: 'x', EMPTY: '', 'WITH-DASH': 'd' };
  it.each([
    ['$(A)', 'x'],
    ['pre-$(A)-post', 'pre-x-post'],
    ['$(EMPTY)', ''],
    ['$(UNSET)', '$(UNSET)'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$x'],
    ['$A', '$A'],
    ['$', '$'],
    ['a$', 'a$'],
    ['$(A', '$(A'],
    ['$()', '$()'],
    ['$(WITH-DASH)', 'd'],
    ['$(A)$(A)', 'xx'],
  ])('%s → %s', (input, out) => {
    expect(expandContainerCommand(input, env)).toBe(out);
  });
});
