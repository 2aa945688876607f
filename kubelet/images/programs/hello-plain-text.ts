/** Program of nginxdemos/hello:plain-text: the hello server answering text/plain (hello-server.ts). */
import type { ProgramContext } from '../program.js';
import { serveHello } from './hello-server.js';

export function run(ctx: ProgramContext): Promise<number> {
  return serveHello(ctx, 'plain-text');
}
