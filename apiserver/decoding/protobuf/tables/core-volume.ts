/**
 * Protobuf fields of core/v1 Volume and the volume sources a pod can declare without a cloud or
 * storage driver: hostPath, emptyDir, secret, nfs, persistentVolumeClaim, downwardAPI, configMap,
 * projected, csi and image. A body using another source (gcePersistentDisk, iscsi, ...) decodes
 * without it, as an unknown field would; kubelab runs none of them.
 */
import { defineMessages } from '../schema-dsl.js';

const PROJECTION = 'localObjectReference=1:LocalObjectReference^ items=2:[KeyToPath] optional=4:bool?';

export const CORE_VOLUME = defineMessages('core', {
  Volume: 'name=1! volumeSource=2:VolumeSource^',
  VolumeSource:
    'hostPath=1:HostPathVolumeSource emptyDir=2:EmptyDirVolumeSource secret=6:SecretVolumeSource ' +
    'nfs=7:NFSVolumeSource persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource ' +
    'downwardAPI=16:DownwardAPIVolumeSource configMap=19:ConfigMapVolumeSource projected=26:ProjectedVolumeSource ' +
    'csi=28:CSIVolumeSource image=30:ImageVolumeSource',
  HostPathVolumeSource: 'path=1! type=2?',
  EmptyDirVolumeSource: 'medium=1 sizeLimit=2:resource.Quantity',
  SecretVolumeSource: 'secretName=1 items=2:[KeyToPath] defaultMode=3:int32? optional=4:bool?',
  NFSVolumeSource: 'server=1! path=2! readOnly=3:bool',
  PersistentVolumeClaimVolumeSource: 'claimName=1! readOnly=2:bool',
  DownwardAPIVolumeSource: 'items=1:[DownwardAPIVolumeFile] defaultMode=2:int32?',
  DownwardAPIVolumeFile:
    'path=1! fieldRef=2:ObjectFieldSelector resourceFieldRef=3:ResourceFieldSelector mode=4:int32?',
  ConfigMapVolumeSource:
    'localObjectReference=1:LocalObjectReference^ items=2:[KeyToPath] defaultMode=3:int32? optional=4:bool?',
  KeyToPath: 'key=1! path=2! mode=3:int32?',
  ProjectedVolumeSource: 'sources=1:[VolumeProjection] defaultMode=2:int32?',
  VolumeProjection:
    'secret=1:SecretProjection downwardAPI=2:DownwardAPIProjection configMap=3:ConfigMapProjection ' +
    'serviceAccountToken=4:ServiceAccountTokenProjection clusterTrustBundle=5:ClusterTrustBundleProjection',
  SecretProjection: PROJECTION,
  ConfigMapProjection: PROJECTION,
  DownwardAPIProjection: 'items=1:[DownwardAPIVolumeFile]',
  ServiceAccountTokenProjection: 'audience=1 expirationSeconds=2:int64? path=3!',
  ClusterTrustBundleProjection:
    'name=1? signerName=2? labelSelector=3:meta.LabelSelector optional=5:bool? path=4!',
  CSIVolumeSource:
    'driver=1! readOnly=2:bool? fsType=3? volumeAttributes=4:{string} nodePublishSecretRef=5:LocalObjectReference',
  ImageVolumeSource: 'reference=1 pullPolicy=2',
});
