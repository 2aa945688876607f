/**
 * Protobuf fields of apimachinery's shared types: meta/v1 (object metadata, selectors, times, delete
 * options), runtime (the Unknown envelope every body travels in), util/intstr and api/resource.
 * Numbers are those of apimachinery's generated.proto files; see ../schema-dsl.ts for the notation.
 *
 * Time and MicroTime are google.protobuf.Timestamp-shaped; Quantity is `string = 1`; FieldsV1 carries
 * raw JSON bytes. to-json.ts turns these four into their JSON forms.
 */
import { defineMessages } from '../schema-dsl.js';

export const META = defineMessages('meta', {
  ObjectMeta:
    'name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:int64 ' +
    'creationTimestamp=8:Time deletionTimestamp=9:Time deletionGracePeriodSeconds=10:int64? ' +
    'labels=11:{string} annotations=12:{string} ownerReferences=13:[OwnerReference] finalizers=14:[string] ' +
    'managedFields=17:[ManagedFieldsEntry]',
  OwnerReference: 'kind=1! name=3! uid=4! apiVersion=5! controller=6:bool? blockOwnerDeletion=7:bool?',
  ManagedFieldsEntry: 'manager=1 operation=2 apiVersion=3 time=4:Time fieldsType=6 fieldsV1=7:FieldsV1 subresource=8',
  FieldsV1: 'Raw=1:bytes',
  LabelSelector: 'matchLabels=1:{string} matchExpressions=2:[LabelSelectorRequirement]',
  LabelSelectorRequirement: 'key=1! operator=2! values=3:[string]',
  Condition: 'type=1! status=2! observedGeneration=3:int64 lastTransitionTime=4:Time reason=5! message=6!',
  Time: 'seconds=1:int64 nanos=2:int32',
  MicroTime: 'seconds=1:int64 nanos=2:int32',
  DeleteOptions:
    'gracePeriodSeconds=1:int64? preconditions=2:Preconditions orphanDependents=3:bool? propagationPolicy=4? ' +
    'dryRun=5:[string] ignoreStoreReadErrorWithClusterBreakingPotential=6:bool?',
  Preconditions: 'uid=1? resourceVersion=2?',
});

export const RUNTIME = defineMessages('runtime', {
  Unknown: 'typeMeta=1:TypeMeta raw=2:bytes contentEncoding=3 contentType=4',
  TypeMeta: 'apiVersion=1 kind=2',
});

export const INTSTR = defineMessages('intstr', {
  IntOrString: 'type=1:int64 intVal=2:int32 strVal=3',
});

export const RESOURCE = defineMessages('resource', {
  Quantity: 'string=1',
});
