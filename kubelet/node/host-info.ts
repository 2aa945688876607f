/**
 * What the kubelet learns about its machine (cadvisor's MachineInfo and the node's /etc/os-release):
 * cores, memory, disk, kernel, OS image, architecture, machine and boot ids. Several kubelab kubelets
 * share one host, so the systemUUID is derived from the machine id and the node name: each node looks
 * like its own machine. Read once at start; the only I/O of node/.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';

export interface HostInfo {
  cpus: number;
  memoryBytes: number;
  /** Size of the filesystem holding --root-dir. */
  diskBytes: number;
  kernelVersion: string;
  osImage: string;
  operatingSystem: string;
  architecture: string;
  machineID: string;
  bootID: string;
  systemUUID: string;
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export function readHostInfo(nodeName: string, rootDir: string): HostInfo {
  const machineID = readText('/etc/machine-id') || createHash('md5').update(nodeName).digest('hex');
  return {
    cpus: cpus().length,
    memoryBytes: totalmem(),
    diskBytes: diskSize(rootDir),
    kernelVersion: release(),
    osImage: osImage(),
    operatingSystem: 'linux',
    architecture: GOARCH[arch()] ?? arch(),
    machineID,
    bootID: readText('/proc/sys/kernel/random/boot_id'),
    systemUUID: uuidFrom(`${machineID}/${nodeName}`),
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function osImage(): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readText('/etc/os-release'));
  return m?.[1] ?? 'Linux';
}

function diskSize(path: string): number {
  try {
    const s = statfsSync(path);
    return s.blocks * s.bsize;
  } catch {
    return 0;
  }
}

function uuidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
