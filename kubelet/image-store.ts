/**
 * The images this node has "pulled", persisted under `--root-dir` (images.json) like a runtime's
 * image store, so that IfNotPresent does not pull again after a kubelet restart. The Node's
 * status.images lists them (names and sizes), as `kubectl describe node` shows.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImageInfo } from './runtime-port.js';

export interface StoredImage {
  /** References it was pulled as, and the runtime's names for it. */
  names: string[];
  sizeBytes: number;
}

export class ImageStore {
  private images: Record<string, StoredImage>;
  private readonly file: string;

  constructor(rootDir: string) {
    this.file = join(rootDir, 'images.json');
    this.images = load(this.file);
  }

  has(ref: string): boolean {
    return Object.values(this.images).some((img) => img.names.includes(ref));
  }

  add(info: ImageInfo): void {
    const current = this.images[info.imageID];
    const names = [...new Set([...(current?.names ?? []), info.image, info.ref, info.imageID])];
    if (current && names.length === current.names.length) return;
    this.images = { ...this.images, [info.imageID]: { names, sizeBytes: info.sizeBytes } };
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.images));
    renameSync(`${this.file}.tmp`, this.file);
  }

  /** status.images of the Node: largest first, as the kubelet sorts them. */
  nodeImages(): { names: string[]; sizeBytes: number }[] {
    return Object.values(this.images).sort((a, b) => b.sizeBytes - a.sizeBytes).map((i) => ({ names: i.names, sizeBytes: i.sizeBytes }));
  }
}

function load(file: string): Record<string, StoredImage> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredImage>;
  } catch {
    return {};
  }
}
