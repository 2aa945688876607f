/**
 * Label and field selectors, shared by the apiserver (filtering lists and watches) and the client
 * library (informers, controllers). Each kind lives in its own file; this one gathers them.
 */
export * from './label-selector.js';
export * from './field-selector.js';
