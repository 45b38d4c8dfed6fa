/**
 * The policy engine's public surface: evaluate a demand against versioned jurisdiction packs
 * and get back a recommendation that cites the rule behind every conclusion.
 */
export { evaluate } from './evaluate.ts';
export { explainDecision } from './explain.ts';
export { loadPacks, readRawPacks, DEFAULT_POLICY_DIR, PACK_ORDER } from './load-packs.ts';
export { preparePacks, digestOf, type PackSet, type RawPack, type PreparedPack } from './prepare.ts';
export { validatePack } from './validate-pack.ts';
export { PackValidationError } from './validate-shared.ts';
export { PolicyInputError, assertValidInput } from './validate-input.ts';
export { FACTS, type FactDef, type FactType } from './facts.ts';
export * from './codes.ts';
export type * from './types.ts';
export type * from './pack-types.ts';
