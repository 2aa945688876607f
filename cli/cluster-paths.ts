/**
 * Every file of a cluster directory, named in this one place so that a reader sees the layout at once:
 *
 *   DIR/cluster.json                 ClusterConfig (ports, ranges, sizes); written by `up`
 *   DIR/state.json                   one record per component: argv, PID, process start time
 *   DIR/kubeconfig                   cluster/context/user for kubectl, with the admin token
 *   DIR/tokens.csv                   kube-apiserver --token-auth-file format
 *   DIR/credentials/secrets.json     every generated password and token (the source of the files below)
 *   DIR/credentials/<component>.json what one component needs: NATS (and Redis) URL, user, password
 *   DIR/nats/nats.conf               nats-server config: listen address, max_payload, users
 *   DIR/redis/redis.conf, users.acl  redis-server config and ACL; the append-only data sits beside them
 *   DIR/pki/ca.crt, ca.key           the cluster's CA (kubectl trusts it through the kubeconfig)
 *   DIR/pki/apiserver.crt, .key      the apiserver's serving certificate, signed by that CA
 *   DIR/logs/<component>.log         stdout and stderr of one component, appended across restarts
 *   DIR/nodes/<node>/                a kubelet's --root-dir; its containers' files sit under
 *                                    containers/<id>/ (spec.json, state.json: kubelet/runtime/CONTRACT.md)
 *
 * Pure: path arithmetic only.
 */
import { join } from 'node:path';

export interface ClusterPaths {
  dir: string;
  config: string;
  state: string;
  kubeconfig: string;
  tokens: string;
  credentialsDir: string;
  secrets: string;
  credentials(component: string): string;
  natsDir: string;
  natsConf: string;
  redisDir: string;
  redisConf: string;
  redisAcl: string;
  pkiDir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  logsDir: string;
  log(component: string): string;
  nodesDir: string;
  nodeRoot(node: string): string;
}

export function clusterPaths(dir: string): ClusterPaths {
  const credentialsDir = join(dir, 'credentials');
  const natsDir = join(dir, 'nats');
  const redisDir = join(dir, 'redis');
  const logsDir = join(dir, 'logs');
  const pkiDir = join(dir, 'pki');
  const nodesDir = join(dir, 'nodes');
  return {
    dir,
    config: join(dir, 'cluster.json'),
    state: join(dir, 'state.json'),
    kubeconfig: join(dir, 'kubeconfig'),
    tokens: join(dir, 'tokens.csv'),
    credentialsDir,
    secrets: join(credentialsDir, 'secrets.json'),
    credentials: (component) => join(credentialsDir, `${component}.json`),
    natsDir,
    natsConf: join(natsDir, 'nats.conf'),
    redisDir,
    redisConf: join(redisDir, 'redis.conf'),
    redisAcl: join(redisDir, 'users.acl'),
    pkiDir,
    caCert: join(pkiDir, 'ca.crt'),
    caKey: join(pkiDir, 'ca.key'),
    apiserverCert: join(pkiDir, 'apiserver.crt'),
    apiserverKey: join(pkiDir, 'apiserver.key'),
    logsDir,
    log: (component) => join(logsDir, `${component}.log`),
    nodesDir,
    nodeRoot: (node) => join(nodesDir, node),
  };
}
