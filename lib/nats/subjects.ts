/**
 * Every NATS subject kubelab uses, built in this one file so that a reader sees the whole bus at once.
 *
 *   kubelab.api.request                 request/reply: one ApiRequest → ApiResponse (queue group "apiserver")
 *   kubelab.api.watch                   request/reply: start a watch, events then flow to the caller's inbox
 *   kubelab.api.watch.<server>.<id>.*   control of one watch held by one apiserver: keepalive, cancel
 *   kubelab.observe.<kind>.<component>  what components publish for observers (heartbeats, decisions, traces)
 *   kubelab.node.<node>.logs|exec|attach request/reply: open a stream to that node's kubelet (lib/nats/streaming-protocol.ts)
 *   kubelab.stream.<session>.<side>     the frames of one open stream, to the apiserver or to the kubelet side
 *
 * Subjects are prefixed with the cluster name so that two clusters could share one NATS server.
 */

export const API_QUEUE_GROUP = 'apiserver';

export function subjects(prefix = 'kubelab') {
  return {
    apiRequest: `${prefix}.api.request`,
    apiWatch: `${prefix}.api.watch`,
    watchControl: (server: string, id: string) => `${prefix}.api.watch.${server}.${id}`,
    watchControlWildcard: (server: string) => `${prefix}.api.watch.${server}.>`,
    observe: (kind: 'heartbeat' | 'decision' | 'trace', component: string) => `${prefix}.observe.${kind}.${component}`,
    observeAll: `${prefix}.observe.>`,
    node: (nodeName: string) => {
      const base = `${prefix}.node.${subjectToken(nodeName)}`;
      return { logs: `${base}.logs`, exec: `${base}.exec`, attach: `${base}.attach` };
    },
    streamSession: (session: string, side: 'apiserver' | 'kubelet') => `${prefix}.stream.${session}.${side}`,
  };
}

/**
 * A name as one subject token. Node names are DNS subdomains (`node-1.example.com`), and a dot would
 * split the token; `_` cannot occur in such a name, so mapping `.` to `_` keeps names apart.
 */
export function subjectToken(name: string): string {
  return name.replace(/\./g, '_');
}

export type Subjects = ReturnType<typeof subjects>;
