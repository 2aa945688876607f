/**
 * Protobuf fields of the other core/v1 kinds kubelab serves or accepts: Namespace, ConfigMap, Service,
 * Endpoints, Event, Node, ReplicationController and Binding, with their parts. Numbers are those of
 * k8s.io/api core/v1 generated.proto; flags (see ../schema-dsl.ts) follow core/v1 types.go.
 */
import { defineMessages } from '../schema-dsl.js';

const OBJECT = 'metadata=1:meta.ObjectMeta';

export const CORE_OBJECTS = defineMessages('core', {
  Namespace: `${OBJECT} spec=2:NamespaceSpec status=3:NamespaceStatus`,
  NamespaceSpec: 'finalizers=1:[string]',
  NamespaceStatus: 'phase=1 conditions=2:[NamespaceCondition]',
  NamespaceCondition: 'type=1! status=2! lastTransitionTime=4:meta.Time reason=5 message=6',

  ConfigMap: `${OBJECT} immutable=4:bool? data=2:{string} binaryData=3:{bytes}`,

  Service: `${OBJECT} spec=2:ServiceSpec status=3:ServiceStatus`,
  ServiceSpec:
    'ports=1:[ServicePort] selector=2:{string} clusterIP=3 clusterIPs=18:[string] type=4 externalIPs=5:[string] ' +
    'sessionAffinity=7 loadBalancerIP=8 loadBalancerSourceRanges=9:[string] externalName=10 ' +
    'externalTrafficPolicy=11 healthCheckNodePort=12:int32 publishNotReadyAddresses=13:bool ' +
    'sessionAffinityConfig=14:SessionAffinityConfig ipFamilies=19:[string] ipFamilyPolicy=17? ' +
    'allocateLoadBalancerNodePorts=20:bool? loadBalancerClass=21? internalTrafficPolicy=22? trafficDistribution=23?',
  ServicePort:
    'name=1 protocol=2 appProtocol=6? port=3:int32! targetPort=4:intstr.IntOrString nodePort=5:int32',
  SessionAffinityConfig: 'clientIP=1:ClientIPConfig',
  ClientIPConfig: 'timeoutSeconds=1:int32?',
  ServiceStatus: 'loadBalancer=1:LoadBalancerStatus conditions=2:[meta.Condition]',
  LoadBalancerStatus: 'ingress=1:[LoadBalancerIngress]',
  LoadBalancerIngress: 'ip=1 hostname=2 ipMode=3? ports=4:[PortStatus]',
  PortStatus: 'port=1:int32! protocol=2! error=3?',

  Endpoints: `${OBJECT} subsets=2:[EndpointSubset]`,
  EndpointSubset: 'addresses=1:[EndpointAddress] notReadyAddresses=2:[EndpointAddress] ports=3:[EndpointPort]',
  EndpointAddress: 'ip=1! hostname=3 nodeName=4? targetRef=2:ObjectReference',
  EndpointPort: 'name=1 port=2:int32! protocol=3 appProtocol=4?',
  ObjectReference: 'kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7',

  Event:
    `${OBJECT} involvedObject=2:ObjectReference reason=3 message=4 source=5:EventSource ` +
    'firstTimestamp=6:meta.Time lastTimestamp=7:meta.Time count=8:int32 type=9 eventTime=10:meta.MicroTime ' +
    'series=11:EventSeries action=12 related=13:ObjectReference reportingComponent=14! reportingInstance=15!',
  EventSource: 'component=1 host=2',
  EventSeries: 'count=1:int32 lastObservedTime=2:meta.MicroTime',

  Binding: `${OBJECT} target=2:ObjectReference`,

  ReplicationController: `${OBJECT} spec=2:ReplicationControllerSpec status=3:ReplicationControllerStatus`,
  ReplicationControllerSpec: 'replicas=1:int32? minReadySeconds=4:int32 selector=2:{string} template=3:PodTemplateSpec',
  ReplicationControllerStatus:
    'replicas=1:int32! fullyLabeledReplicas=2:int32 readyReplicas=4:int32 availableReplicas=5:int32 ' +
    'observedGeneration=3:int64 conditions=6:[ReplicationControllerCondition]',
  ReplicationControllerCondition: 'type=1! status=2! lastTransitionTime=3:meta.Time reason=4 message=5',

  Node: `${OBJECT} spec=2:NodeSpec status=3:NodeStatus`,
  NodeSpec: 'podCIDR=1 podCIDRs=7:[string] providerID=3 unschedulable=4:bool taints=5:[Taint] externalID=2',
  Taint: 'key=1! value=2 effect=3! timeAdded=4:meta.Time',
  NodeStatus:
    'capacity=1:{resource.Quantity} allocatable=2:{resource.Quantity} phase=3 conditions=4:[NodeCondition] ' +
    'addresses=5:[NodeAddress] daemonEndpoints=6:NodeDaemonEndpoints nodeInfo=7:NodeSystemInfo ' +
    'images=8:[ContainerImage] volumesInUse=9:[string] volumesAttached=10:[AttachedVolume] ' +
    'runtimeHandlers=12:[NodeRuntimeHandler] features=13:NodeFeatures',
  NodeCondition:
    'type=1! status=2! lastHeartbeatTime=3:meta.Time lastTransitionTime=4:meta.Time reason=5 message=6',
  NodeAddress: 'type=1! address=2!',
  NodeDaemonEndpoints: 'kubeletEndpoint=1:DaemonEndpoint',
  DaemonEndpoint: 'Port=1:int32!',
  NodeSystemInfo:
    'machineID=1! systemUUID=2! bootID=3! kernelVersion=4! osImage=5! containerRuntimeVersion=6! ' +
    'kubeletVersion=7! kubeProxyVersion=8! operatingSystem=9! architecture=10! swap=11:NodeSwapStatus',
  NodeSwapStatus: 'capacity=1:int64?',
  ContainerImage: 'names=1:[string] sizeBytes=2:int64',
  AttachedVolume: 'name=1! devicePath=2!',
  NodeRuntimeHandler: 'name=1! features=2:NodeRuntimeHandlerFeatures',
  NodeRuntimeHandlerFeatures: 'recursiveReadOnlyMounts=1:bool? userNamespaces=2:bool?',
  NodeFeatures: 'supplementalGroupsPolicy=1:bool?',
});
