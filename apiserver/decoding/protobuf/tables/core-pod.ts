/**
 * Protobuf fields of core/v1 Pod and everything a pod template holds: PodSpec, Container (ports, env,
 * resources, probes, lifecycle, security), scheduling constraints and PodStatus. Numbers are those of
 * k8s.io/api core/v1 generated.proto; flags (see ../schema-dsl.ts) follow the Go struct tags in
 * core/v1 types.go. Volumes are in core-volume.ts.
 */
import { defineMessages } from '../schema-dsl.js';

/** Container and EphemeralContainerCommon share every field and number. */
const CONTAINER =
  'name=1! image=2 command=3:[string] args=4:[string] workingDir=5 ports=6:[ContainerPort] ' +
  'envFrom=19:[EnvFromSource] env=7:[EnvVar] resources=8:ResourceRequirements ' +
  'resizePolicy=23:[ContainerResizePolicy] restartPolicy=24? volumeMounts=9:[VolumeMount] ' +
  'volumeDevices=21:[VolumeDevice] livenessProbe=10:Probe readinessProbe=11:Probe startupProbe=22:Probe ' +
  'lifecycle=12:Lifecycle terminationMessagePath=13 terminationMessagePolicy=20 imagePullPolicy=14 ' +
  'securityContext=15:SecurityContext stdin=16:bool stdinOnce=17:bool tty=18:bool';

const AFFINITY_TERMS =
  'requiredDuringSchedulingIgnoredDuringExecution=1:[PodAffinityTerm] ' +
  'preferredDuringSchedulingIgnoredDuringExecution=2:[WeightedPodAffinityTerm]';

export const CORE_POD = defineMessages('core', {
  Pod: 'metadata=1:meta.ObjectMeta spec=2:PodSpec status=3:PodStatus',
  PodTemplateSpec: 'metadata=1:meta.ObjectMeta spec=2:PodSpec',
  PodSpec:
    'volumes=1:[Volume] initContainers=20:[Container] containers=2:[Container] ' +
    'ephemeralContainers=34:[EphemeralContainer] restartPolicy=3 terminationGracePeriodSeconds=4:int64? ' +
    'activeDeadlineSeconds=5:int64? dnsPolicy=6 nodeSelector=7:{string} serviceAccountName=8 serviceAccount=9 ' +
    'automountServiceAccountToken=21:bool? nodeName=10 hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool ' +
    'shareProcessNamespace=27:bool? securityContext=14:PodSecurityContext imagePullSecrets=15:[LocalObjectReference] ' +
    'hostname=16 subdomain=17 affinity=18:Affinity schedulerName=19 tolerations=22:[Toleration] ' +
    'hostAliases=23:[HostAlias] priorityClassName=24 priority=25:int32? dnsConfig=26:PodDNSConfig ' +
    'readinessGates=28:[PodReadinessGate] runtimeClassName=29? enableServiceLinks=30:bool? preemptionPolicy=31? ' +
    'overhead=32:{resource.Quantity} topologySpreadConstraints=33:[TopologySpreadConstraint] ' +
    'setHostnameAsFQDN=35:bool? os=36:PodOS hostUsers=37:bool? schedulingGates=38:[PodSchedulingGate] ' +
    'resourceClaims=39:[PodResourceClaim] resources=40:ResourceRequirements hostnameOverride=41?',
  Container: CONTAINER,
  EphemeralContainer: 'ephemeralContainerCommon=1:EphemeralContainerCommon^ targetContainerName=2',
  EphemeralContainerCommon: CONTAINER,
  ContainerPort: 'name=1 hostPort=2:int32 containerPort=3:int32! protocol=4 hostIP=5',
  EnvVar: 'name=1! value=2 valueFrom=3:EnvVarSource',
  EnvVarSource:
    'fieldRef=1:ObjectFieldSelector resourceFieldRef=2:ResourceFieldSelector ' +
    'configMapKeyRef=3:ConfigMapKeySelector secretKeyRef=4:SecretKeySelector fileKeyRef=5:FileKeySelector',
  ObjectFieldSelector: 'apiVersion=1 fieldPath=2!',
  ResourceFieldSelector: 'containerName=1 resource=2! divisor=3:resource.Quantity',
  ConfigMapKeySelector: 'localObjectReference=1:LocalObjectReference^ key=2! optional=3:bool?',
  SecretKeySelector: 'localObjectReference=1:LocalObjectReference^ key=2! optional=3:bool?',
  FileKeySelector: 'volumeName=1! path=2! key=3! optional=4:bool?',
  EnvFromSource: 'prefix=1 configMapRef=2:ConfigMapEnvSource secretRef=3:SecretEnvSource',
  ConfigMapEnvSource: 'localObjectReference=1:LocalObjectReference^ optional=2:bool?',
  SecretEnvSource: 'localObjectReference=1:LocalObjectReference^ optional=2:bool?',
  LocalObjectReference: 'name=1',
  ResourceRequirements: 'limits=1:{resource.Quantity} requests=2:{resource.Quantity} claims=3:[ResourceClaim]',
  ResourceClaim: 'name=1! request=2',
  ContainerResizePolicy: 'resourceName=1! restartPolicy=2!',
  VolumeMount: 'name=1! readOnly=2:bool recursiveReadOnly=7? mountPath=3! subPath=4 mountPropagation=5? subPathExpr=6',
  VolumeDevice: 'name=1! devicePath=2!',
  Probe:
    'handler=1:ProbeHandler^ initialDelaySeconds=2:int32 timeoutSeconds=3:int32 periodSeconds=4:int32 ' +
    'successThreshold=5:int32 failureThreshold=6:int32 terminationGracePeriodSeconds=7:int64?',
  ProbeHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction grpc=4:GRPCAction',
  ExecAction: 'command=1:[string]',
  HTTPGetAction: 'path=1 port=2:intstr.IntOrString host=3 scheme=4 httpHeaders=5:[HTTPHeader]',
  HTTPHeader: 'name=1! value=2!',
  TCPSocketAction: 'port=1:intstr.IntOrString host=2',
  GRPCAction: 'port=1:int32! service=2?',
  Lifecycle: 'postStart=1:LifecycleHandler preStop=2:LifecycleHandler stopSignal=3?',
  LifecycleHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction sleep=4:SleepAction',
  SleepAction: 'seconds=1:int64!',
  SecurityContext:
    'capabilities=1:Capabilities privileged=2:bool? seLinuxOptions=3:SELinuxOptions ' +
    'windowsOptions=10:WindowsSecurityContextOptions runAsUser=4:int64? runAsGroup=8:int64? runAsNonRoot=5:bool? ' +
    'readOnlyRootFilesystem=6:bool? allowPrivilegeEscalation=7:bool? procMount=9? ' +
    'seccompProfile=11:SeccompProfile appArmorProfile=12:AppArmorProfile',
  Capabilities: 'add=1:[string] drop=2:[string]',
  SELinuxOptions: 'user=1 role=2 type=3 level=4',
  WindowsSecurityContextOptions: 'gmsaCredentialSpecName=1? gmsaCredentialSpec=2? runAsUserName=3? hostProcess=4:bool?',
  SeccompProfile: 'type=1! localhostProfile=2?',
  AppArmorProfile: 'type=1! localhostProfile=2?',
  PodSecurityContext:
    'seLinuxOptions=1:SELinuxOptions windowsOptions=8:WindowsSecurityContextOptions runAsUser=2:int64? ' +
    'runAsGroup=6:int64? runAsNonRoot=3:bool? supplementalGroups=4:[int64] supplementalGroupsPolicy=12? ' +
    'fsGroup=5:int64? sysctls=7:[Sysctl] fsGroupChangePolicy=9? seccompProfile=10:SeccompProfile ' +
    'appArmorProfile=11:AppArmorProfile seLinuxChangePolicy=13?',
  Sysctl: 'name=1! value=2!',
  Toleration: 'key=1 operator=2 value=3 effect=4 tolerationSeconds=5:int64?',
  HostAlias: 'ip=1! hostnames=2:[string]',
  PodDNSConfig: 'nameservers=1:[string] searches=2:[string] options=3:[PodDNSConfigOption]',
  PodDNSConfigOption: 'name=1 value=2?',
  PodReadinessGate: 'conditionType=1!',
  PodOS: 'name=1!',
  PodSchedulingGate: 'name=1!',
  PodResourceClaim: 'name=1! resourceClaimName=3? resourceClaimTemplateName=4?',
  TopologySpreadConstraint:
    'maxSkew=1:int32! topologyKey=2! whenUnsatisfiable=3! labelSelector=4:meta.LabelSelector ' +
    'minDomains=5:int32? nodeAffinityPolicy=6? nodeTaintsPolicy=7? matchLabelKeys=8:[string]',
  Affinity: 'nodeAffinity=1:NodeAffinity podAffinity=2:PodAffinity podAntiAffinity=3:PodAntiAffinity',
  NodeAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution=1:NodeSelector ' +
    'preferredDuringSchedulingIgnoredDuringExecution=2:[PreferredSchedulingTerm]',
  NodeSelector: 'nodeSelectorTerms=1:[NodeSelectorTerm]',
  NodeSelectorTerm: 'matchExpressions=1:[NodeSelectorRequirement] matchFields=2:[NodeSelectorRequirement]',
  NodeSelectorRequirement: 'key=1! operator=2! values=3:[string]',
  PreferredSchedulingTerm: 'weight=1:int32! preference=2:NodeSelectorTerm',
  PodAffinity: AFFINITY_TERMS,
  PodAntiAffinity: AFFINITY_TERMS,
  PodAffinityTerm:
    'labelSelector=1:meta.LabelSelector namespaces=2:[string] topologyKey=3! ' +
    'namespaceSelector=4:meta.LabelSelector matchLabelKeys=5:[string] mismatchLabelKeys=6:[string]',
  WeightedPodAffinityTerm: 'weight=1:int32! podAffinityTerm=2:PodAffinityTerm',
  PodStatus:
    'observedGeneration=17:int64 phase=1 conditions=2:[PodCondition] message=3 reason=4 nominatedNodeName=11 ' +
    'hostIP=5 hostIPs=16:[HostIP] podIP=6 podIPs=12:[PodIP] startTime=7:meta.Time ' +
    'initContainerStatuses=10:[ContainerStatus] containerStatuses=8:[ContainerStatus] qosClass=9 ' +
    'ephemeralContainerStatuses=13:[ContainerStatus] resize=14 resourceClaimStatuses=15:[PodResourceClaimStatus]',
  PodCondition:
    'type=1! observedGeneration=7:int64 status=2! lastProbeTime=3:meta.Time lastTransitionTime=4:meta.Time ' +
    'reason=5 message=6',
  HostIP: 'ip=1!',
  PodIP: 'ip=1!',
  PodResourceClaimStatus: 'name=1! resourceClaimName=2?',
  ContainerStatus:
    'name=1! state=2:ContainerState lastState=3:ContainerState ready=4:bool! restartCount=5:int32! image=6! ' +
    'imageID=7! containerID=8 started=9:bool? allocatedResources=10:{resource.Quantity} ' +
    'resources=11:ResourceRequirements volumeMounts=12:[VolumeMountStatus] user=13:ContainerUser ' +
    'allocatedResourcesStatus=14:[ResourceStatus] stopSignal=15?',
  ContainerState:
    'waiting=1:ContainerStateWaiting running=2:ContainerStateRunning terminated=3:ContainerStateTerminated',
  ContainerStateWaiting: 'reason=1 message=2',
  ContainerStateRunning: 'startedAt=1:meta.Time',
  ContainerStateTerminated:
    'exitCode=1:int32! signal=2:int32 reason=3 message=4 startedAt=5:meta.Time finishedAt=6:meta.Time containerID=7',
  VolumeMountStatus: 'name=1! mountPath=2! readOnly=3:bool recursiveReadOnly=4?',
  ContainerUser: 'linux=1:LinuxContainerUser',
  LinuxContainerUser: 'uid=1:int64! gid=2:int64! supplementalGroups=3:[int64]',
  ResourceStatus: 'name=1! resources=2:[ResourceHealth]',
  ResourceHealth: 'resourceID=1! health=2',
});
