/** Constants of the leaf layout, shared by leaf.ts and the fast encoder (leaf-encoder.ts). */

/** Version of the leaf layout and projection; a new projection is a new version. */
export const LEAF_VERSION = 1;
/** Bytes of the per-event salt. */
export const SALT_SIZE = 32;
/** The type a sealed leaf shows in place of the real one. */
export const SEALED_TYPE = 'sealed';
