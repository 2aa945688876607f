/** Program of nginxdemos/hello with any tag but plain-text: the hello server's HTML page (hello-server.ts). */
import type { ProgramContext } from '../program.js';
import { serveHello } from './hello-server.js';

export function run(ctx: ProgramContext): Promise<number> {
  return serveHello(ctx, 'html');
}
