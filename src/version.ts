// The version, from package.json (the one place it is written; the release script bumps it).
// Written into the metadata hash and printed by --version.
import manifest from '../package.json' with { type: 'json' };

export const VERSION: string = manifest.version;
