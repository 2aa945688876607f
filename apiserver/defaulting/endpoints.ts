/**
 * Endpoint defaults. v1 Endpoints (SetDefaults_Endpoints): each subset port's protocol is TCP.
 * discovery.k8s.io/v1 EndpointSlice (SetDefaults_EndpointPort): each port's protocol is TCP and its name
 * "" (a pointer in Go, so it is written out).
 *
 * Interface: setDefaultsEndpoints(obj), setDefaultsEndpointSlice(obj) mutate `obj`.
 */
import { items, setDefault, type Obj } from './object-util.js';

export function setDefaultsEndpoints(obj: Obj): void {
  for (const subset of items(obj, 'subsets')) {
    for (const port of items(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
}

export function setDefaultsEndpointSlice(obj: Obj): void {
  for (const port of items(obj, 'ports')) {
    if (port.name === undefined || port.name === null) port.name = '';
    setDefault(port, 'protocol', 'TCP');
  }
}
