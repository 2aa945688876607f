import { describe, expect, it } from 'vitest';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { daemonSet, deployment, replicaSet, replicationController, stored } from './testing/builders.js';

const create = (o: KubeObject) => validateCreate(findKind(o.apiVersion, o.kind)!, o).map(errorText);
const update = (o: KubeObject, old: KubeObject) => validateUpdate(findKind(o.apiVersion, o.kind)!, o, old).map(errorText);
const MISMATCH = '`selector` does not match template `labels`';
const NO_EXPRS = 'MatchExpressions:[]v1.LabelSelectorRequirement(nil)';
const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

describe('ReplicaSet', () => {
  it.each([
    ['valid', (_: any) => {}, []],
    ['negative replicas', (r: any) => { r.spec.replicas = -1; }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['selector must match the template', (r: any) => { r.spec.template.metadata.labels = { app: 'other' }; }, [
      `spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: ${MISMATCH}`,
    ]],
    ['selector required', (r: any) => { delete r.spec.selector; }, [
      'spec.selector: Required value',
      `spec.template.metadata.labels: Invalid value: map[string]string{"app":"hello"}: ${MISMATCH}`,
    ]],
    ['selector not empty', (r: any) => { r.spec.selector = {}; }, [
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), ${NO_EXPRS}}: empty selector is invalid for deployment`,
    ]],
    ['match expressions', (r: any) => { r.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['hello', 'web'] }] }; }, []],
    ['pods restart Always', (r: any) => { r.spec.template.spec.restartPolicy = 'Never'; }, [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]],
    ['no activeDeadlineSeconds', (r: any) => { r.spec.template.spec.activeDeadlineSeconds = 60; }, [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]],
    ['template containers', (r: any) => { r.spec.template.spec.containers[0].image = ''; }, ['spec.template.spec.containers[0].image: Required value']],
  ])('%s', (_name, edit, want) => expect(create(replicaSet(edit))).toEqual(want));

  it('keeps the selector on update (apps/v1)', () => {
    const old = stored(replicaSet());
    const next = structuredClone(old);
    next.spec.selector.matchLabels.tier = 'web';
    next.spec.template.metadata.labels.tier = 'web';
    expect(update(next, old)).toEqual([
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"hello", "tier":"web"}, ${NO_EXPRS}}: field is immutable`,
    ]);
    const scaled = structuredClone(old);
    scaled.spec.replicas = 10;
    expect(update(scaled, old)).toEqual([]);
  });
});

describe('Deployment', () => {
  const ru = (maxSurge: unknown, maxUnavailable: unknown) => (d: any) => { d.spec.strategy.rollingUpdate = { maxSurge, maxUnavailable }; };
  it.each([
    ['valid', (_: any) => {}, []],
    ['maxSurge and maxUnavailable both 0', ru(0, 0), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]],
    ['0% counts as 0', ru('0%', 0), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]],
    ['maxSurge 1, maxUnavailable 0', ru(1, 0), []],
    ['maxUnavailable above 100%', ru(1, '110%'), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%',
    ]],
    ['percent syntax', ru('20Percent', '25%'), [
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"20Percent"}: ${PERCENT}`,
    ]],
    ['negative', ru(-1, 1), ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0']],
    ['Recreate without rollingUpdate', (d: any) => { d.spec.strategy.type = 'Recreate'; }, [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]],
    ['strategy types', (d: any) => { d.spec.strategy = { type: 'Canary' }; }, [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]],
    ['revisionHistoryLimit', (d: any) => { d.spec.revisionHistoryLimit = -1; }, ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['progress deadline beyond minReadySeconds', (d: any) => { d.spec.minReadySeconds = 10; d.spec.progressDeadlineSeconds = 10; }, [
      'spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds',
    ]],
    ['negative replicas', (d: any) => { d.spec.replicas = -2; }, ['spec.replicas: Invalid value: -2: must be greater than or equal to 0']],
    ['selector must match', (d: any) => { d.spec.template.metadata.labels = {}; }, [`spec.template.metadata.labels: Invalid value: map[string]string{}: ${MISMATCH}`]],
  ])('%s', (_name, edit, want) => expect(create(deployment(edit))).toEqual(want));

  it('keeps the selector on update but lets the template change', () => {
    const old = stored(deployment());
    const next = structuredClone(old);
    next.spec.template.spec.containers[0].image = 'nginxdemos/hello:latest';
    expect(update(next, old)).toEqual([]);
    next.spec.selector = { matchLabels: { app: 'web' } };
    next.spec.template.metadata.labels = { app: 'web' };
    expect(update(next, old)).toEqual([
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ${NO_EXPRS}}: field is immutable`,
    ]);
  });
});

describe('DaemonSet', () => {
  it.each([
    ['valid', (_: any) => {}, []],
    ['surge and unavailable both set', (d: any) => { d.spec.updateStrategy.rollingUpdate = { maxSurge: 1, maxUnavailable: 1 }; }, [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]],
    ['neither set', (d: any) => { d.spec.updateStrategy.rollingUpdate = { maxSurge: 0, maxUnavailable: 0 }; }, [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]],
    ['no selector selects nothing', (d: any) => { delete d.spec.selector; }, [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: ${MISMATCH}`]],
    ['template restartPolicy', (d: any) => { d.spec.template.spec.restartPolicy = 'OnFailure'; }, [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]],
  ])('%s', (_name, edit, want) => expect(create(daemonSet(edit))).toEqual(want));
});

describe('ReplicationController', () => {
  it.each([
    ['valid', (_: any) => {}, []],
    ['selector required', (r: any) => { r.spec.selector = {}; }, ['spec.selector: Required value']],
    ['selector must match', (r: any) => { r.spec.selector = { app: 'web' }; }, [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"hello"}: ${MISMATCH}`]],
    ['template required', (r: any) => { delete r.spec.template; }, ['spec.template: Required value']],
    ['negative replicas', (r: any) => { r.spec.replicas = -1; }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['activeDeadlineSeconds', (r: any) => { r.spec.template.spec.activeDeadlineSeconds = 5; }, [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
    ]],
  ])('%s', (_name, edit, want) => expect(create(replicationController(edit))).toEqual(want));

  it('lets the selector change on update, unlike apps/v1', () => {
    const old = stored(replicationController());
    const next = structuredClone(old);
    next.spec.selector = { app: 'hello', tier: 'web' };
    next.spec.template.metadata.labels = { app: 'hello', tier: 'web' };
    expect(update(next, old)).toEqual([]);
  });
});
