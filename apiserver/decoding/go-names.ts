/**
 * Per-field corrections to the Go types read from the client models (see go-schema.ts).
 *
 * Go's decoder names the destination type in its messages, and many Kubernetes string fields are named
 * string types (`v1.RestartPolicy`, `v1.Protocol`, `types.UID`), and resource maps are `v1.ResourceList`
 * of `resource.Quantity`. The client models flatten these to `string`, so they are listed here, keyed
 * by `<model>.<jsonField>`. The list covers the kinds kubelab serves; a field missing here still decodes
 * correctly, only a type error on it would name `string` instead of the Go named type.
 */
import type { GoType } from './go-schema.js';

type Override = (parsed: GoType) => GoType;

/** A named string type, e.g. v1.RestartPolicy. For a slice field, names the element. */
const named = (name: string): Override => (t) =>
  t.kind === 'slice' ? { ...t, of: { kind: 'string', name }, name: `[]${name}` } : { kind: 'string', name };

const quantity: GoType = { kind: 'quantity', name: 'resource.Quantity' };
const resourceList: Override = () => ({ kind: 'map', of: quantity, name: 'v1.ResourceList' });
const toQuantity: Override = () => quantity;

const NAMED: Record<string, string> = {
  'V1ObjectMeta.uid': 'types.UID',
  'V1OwnerReference.uid': 'types.UID',
  'V1ObjectReference.uid': 'types.UID',
  'V1Preconditions.uid': 'types.UID',
  'V1DeleteOptions.propagationPolicy': 'v1.DeletionPropagation',
  'V1PodSpec.restartPolicy': 'v1.RestartPolicy',
  'V1PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'V1PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'V1Container.imagePullPolicy': 'v1.PullPolicy',
  'V1Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'V1Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'V1ContainerPort.protocol': 'v1.Protocol',
  'V1ServicePort.protocol': 'v1.Protocol',
  'CoreV1EndpointPort.protocol': 'v1.Protocol',
  'DiscoveryV1EndpointPort.protocol': 'v1.Protocol',
  'V1HTTPGetAction.scheme': 'v1.URIScheme',
  'V1Toleration.operator': 'v1.TolerationOperator',
  'V1Toleration.effect': 'v1.TaintEffect',
  'V1Taint.effect': 'v1.TaintEffect',
  'V1PodStatus.phase': 'v1.PodPhase',
  'V1PodStatus.qosClass': 'v1.PodQOSClass',
  'V1PodCondition.type': 'v1.PodConditionType',
  'V1PodCondition.status': 'v1.ConditionStatus',
  'V1NodeCondition.type': 'v1.NodeConditionType',
  'V1NodeCondition.status': 'v1.ConditionStatus',
  'V1NodeAddress.type': 'v1.NodeAddressType',
  'V1NamespaceSpec.finalizers': 'v1.FinalizerName',
  'V1NamespaceStatus.phase': 'v1.NamespacePhase',
  'V1ServiceSpec.type': 'v1.ServiceType',
  'V1ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'V1ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'V1ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'V1ServiceSpec.ipFamilies': 'v1.IPFamily',
  'V1ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'V1DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'V1DeploymentCondition.type': 'v1.DeploymentConditionType',
  'V1DeploymentCondition.status': 'v1.ConditionStatus',
  'V1ReplicaSetCondition.type': 'v1.ReplicaSetConditionType',
  'V1ReplicaSetCondition.status': 'v1.ConditionStatus',
  'V1DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'V1EndpointSlice.addressType': 'v1.AddressType',
};

const QUANTITY_FIELDS = [
  'V1ResourceRequirements.limits', 'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits', 'V1VolumeResourceRequirements.requests',
  'V1PodSpec.overhead', 'V1NodeStatus.capacity', 'V1NodeStatus.allocatable',
  'V1ContainerStatus.allocatedResources', 'V1ResourceQuotaSpec.hard', 'V1ResourceQuotaStatus.hard',
  'V1ResourceQuotaStatus.used',
];

export const FIELD_OVERRIDES: Record<string, Override> = {
  ...Object.fromEntries(Object.entries(NAMED).map(([k, v]) => [k, named(v)])),
  ...Object.fromEntries(QUANTITY_FIELDS.map((k) => [k, resourceList])),
  'V1EmptyDirVolumeSource.sizeLimit': toQuantity,
  'V1ResourceFieldSelector.divisor': toQuantity,
};
