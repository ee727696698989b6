// Kept equal to package.json's version by a test; written into the metadata hash.
export const VERSION = '1.0.0';
