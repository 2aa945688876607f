/**
 * Protobuf fields of the non-core kinds kubelab serves or accepts: apps/v1 Deployment, ReplicaSet and
 * DaemonSet; coordination.k8s.io/v1 Lease; discovery.k8s.io/v1 EndpointSlice; autoscaling/v1 Scale
 * and policy/v1 Eviction (subresource bodies). Numbers are those of each group's generated.proto;
 * flags (see ../schema-dsl.ts) follow its types.go.
 */
import { defineMessages } from '../schema-dsl.js';

const OBJECT = 'metadata=1:meta.ObjectMeta';
const CONDITION = 'type=1! status=2! lastTransitionTime=3:meta.Time reason=4 message=5';

export const APPS = defineMessages('apps', {
  Deployment: `${OBJECT} spec=2:DeploymentSpec status=3:DeploymentStatus`,
  DeploymentSpec:
    'replicas=1:int32? selector=2:meta.LabelSelector template=3:core.PodTemplateSpec strategy=4:DeploymentStrategy ' +
    'minReadySeconds=5:int32 revisionHistoryLimit=6:int32? paused=7:bool progressDeadlineSeconds=9:int32?',
  DeploymentStrategy: 'type=1 rollingUpdate=2:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable=1:intstr.IntOrString maxSurge=2:intstr.IntOrString',
  DeploymentStatus:
    'observedGeneration=1:int64 replicas=2:int32 updatedReplicas=3:int32 readyReplicas=7:int32 ' +
    'availableReplicas=4:int32 unavailableReplicas=5:int32 terminatingReplicas=9:int32? ' +
    'conditions=6:[DeploymentCondition] collisionCount=8:int32?',
  DeploymentCondition:
    'type=1! status=2! lastUpdateTime=6:meta.Time lastTransitionTime=7:meta.Time reason=4 message=5',

  ReplicaSet: `${OBJECT} spec=2:ReplicaSetSpec status=3:ReplicaSetStatus`,
  ReplicaSetSpec:
    'replicas=1:int32? minReadySeconds=4:int32 selector=2:meta.LabelSelector template=3:core.PodTemplateSpec',
  ReplicaSetStatus:
    'replicas=1:int32! fullyLabeledReplicas=2:int32 readyReplicas=4:int32 availableReplicas=5:int32 ' +
    'terminatingReplicas=7:int32? observedGeneration=3:int64 conditions=6:[ReplicaSetCondition]',
  ReplicaSetCondition: CONDITION,

  DaemonSet: `${OBJECT} spec=2:DaemonSetSpec status=3:DaemonSetStatus`,
  DaemonSetSpec:
    'selector=1:meta.LabelSelector template=2:core.PodTemplateSpec updateStrategy=3:DaemonSetUpdateStrategy ' +
    'minReadySeconds=4:int32 revisionHistoryLimit=6:int32?',
  DaemonSetUpdateStrategy: 'type=1 rollingUpdate=2:RollingUpdateDaemonSet',
  RollingUpdateDaemonSet: 'maxUnavailable=1:intstr.IntOrString maxSurge=2:intstr.IntOrString',
  DaemonSetStatus:
    'currentNumberScheduled=1:int32! numberMisscheduled=2:int32! desiredNumberScheduled=3:int32! ' +
    'numberReady=4:int32! observedGeneration=5:int64 updatedNumberScheduled=6:int32 numberAvailable=7:int32 ' +
    'numberUnavailable=8:int32 collisionCount=9:int32? conditions=10:[DaemonSetCondition]',
  DaemonSetCondition: CONDITION,
});

export const COORDINATION = defineMessages('coordination', {
  Lease: `${OBJECT} spec=2:LeaseSpec`,
  LeaseSpec:
    'holderIdentity=1? leaseDurationSeconds=2:int32? acquireTime=3:meta.MicroTime renewTime=4:meta.MicroTime ' +
    'leaseTransitions=5:int32? strategy=6? preferredHolder=7?',
});

export const DISCOVERY = defineMessages('discovery', {
  EndpointSlice: `${OBJECT} addressType=4! endpoints=2:[Endpoint] ports=3:[EndpointPort]`,
  Endpoint:
    'addresses=1:[string] conditions=2:EndpointConditions hostname=3? targetRef=4:core.ObjectReference ' +
    'deprecatedTopology=5:{string} nodeName=6? zone=7? hints=8:EndpointHints',
  EndpointConditions: 'ready=1:bool? serving=2:bool? terminating=3:bool?',
  EndpointHints: 'forZones=1:[ForZone] forNodes=2:[ForNode]',
  ForZone: 'name=1!',
  ForNode: 'name=1!',
  EndpointPort: 'name=1? protocol=2? port=3:int32? appProtocol=4?',
});

export const AUTOSCALING = defineMessages('autoscaling', {
  Scale: `${OBJECT} spec=2:ScaleSpec status=3:ScaleStatus`,
  ScaleSpec: 'replicas=1:int32',
  ScaleStatus: 'replicas=1:int32! selector=2',
});

export const POLICY = defineMessages('policy', {
  Eviction: `${OBJECT} deleteOptions=2:meta.DeleteOptions`,
});
