/**
 * The image pull policy kube-apiserver defaults a container to: Always when the image reference's tag
 * is "latest" (written, or implied by having neither tag nor digest), IfNotPresent otherwise, including
 * for digest-only references and references that do not parse (kubernetes pkg/util/parsers
 * ParseImageName returns an empty tag for those, and the defaulter ignores the error).
 *
 * Interface: imageTag(image), defaultPullPolicy(image). Pure.
 */

// The docker reference grammar (distribution/reference), reduced to what decides validity here.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?';
const NAME = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** The tag ParseImageName reports: "latest" when none is written and there is no digest; "" if invalid. */
export function imageTag(image: string): string {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return '';
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : '';
  const name = colon > slash ? rest.slice(0, colon) : rest;
  if (!NAME.test(name) || (tag && !TAG.test(tag)) || (colon > slash && !tag)) return '';
  return tag || (digest ? '' : 'latest');
}

export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
