/**
 * Where a container's output goes inside the shim: every chunk the program writes becomes CRI log entries
 * (whole lines; a partial line waits for its newline) and is passed at once, unsplit, to the attached
 * clients. Under a TTY there is one stream, stdout, as a terminal has; a built-in program then gets the
 * terminal's output translation (`\n` → `\r\n`, the line discipline's onlcr) that a real pty would apply.
 */
import { LineSplitter, type LogStream } from './cri-log.js';
import type { CriLogWriter } from './log-writer.js';

export type OutputListener = (stream: LogStream, data: Buffer) => void;

export class OutputHub {
  private readonly splitters: Record<LogStream, LineSplitter>;
  private readonly listeners = new Set<OutputListener>();

  constructor(private readonly log: CriLogWriter, private readonly tty: boolean, private readonly translateNewlines: boolean) {
    this.splitters = { stdout: new LineSplitter('stdout'), stderr: new LineSplitter('stderr') };
  }

  onOutput(listener: OutputListener): void {
    this.listeners.add(listener);
  }

  write(stream: LogStream, chunk: string | Uint8Array): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (data.length === 0) return;
    const target: LogStream = this.tty ? 'stdout' : stream;
    if (this.translateNewlines) data = Buffer.from(data.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    this.log.write(this.splitters[target].push(data));
    for (const listener of this.listeners) listener(target, data);
  }

  /** The program ended: unfinished lines are written as full ones. */
  flush(): void {
    this.log.write([...this.splitters.stdout.flush(), ...this.splitters.stderr.flush()]);
  }
}
