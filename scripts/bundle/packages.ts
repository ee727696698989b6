// The npm packages whose code is in a bundle, from the stats ncc (webpack) writes with
// --stats-out: every module of every chunk, the on-demand ones included, named by its path.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's own licence text, or undefined when it ships none. */
  licenseText: string | undefined;
}

interface StatsModule {
  identifier?: string;
  name?: string;
  modules?: StatsModule[];
}

interface Stats {
  chunks?: { modules?: StatsModule[] }[];
  modules?: StatsModule[];
}

/** Absolute file paths of every module in the stats. */
function modulePaths(stats: Stats): string[] {
  const out: string[] = [];
  const visit = (m: StatsModule) => {
    // "javascript/esm|/abs/node_modules/x/index.js", sometimes after loaders ("…!/abs/…").
    const file =
      (m.identifier ?? '')
        .split('!')
        .at(-1)
        ?.replace(/^[^|/]*\|/, '') ?? '';
    if (file.includes('node_modules')) out.push(file);
    m.modules?.forEach(visit);
  };
  for (const chunk of stats.chunks ?? []) chunk.modules?.forEach(visit);
  stats.modules?.forEach(visit);
  return out;
}

/** The package directory a file belongs to: the last node_modules/<name> or <@scope/name>. */
function packageDir(file: string): string | undefined {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match?.[1];
}

const LICENSE_FILES = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

export function bundledPackages(statsFile: string): BundledPackage[] {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
  return packagesOf(modulePaths(stats));
}

/** The packages the files belong to (files outside node_modules are the project's own). */
export function packagesOf(files: string[]): BundledPackage[] {
  const dirs = new Set(files.map(packageDir).filter((d) => d !== undefined));
  const byName = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version?: string;
      license?: string;
    };
    if (!pkg.name) continue;
    const files = readdirSafe(dir).filter((f) => LICENSE_FILES.test(f));
    const text = files[0] ? readFileSync(path.join(dir, files[0]), 'utf8').trim() : undefined;
    byName.set(pkg.name, {
      name: pkg.name,
      version: pkg.version ?? '',
      license: pkg.license ?? 'UNKNOWN',
      licenseText: text,
    });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** licenses.txt: each package's name, licence and text, in name order. */
export function licensesText(packages: BundledPackage[]): string {
  return packages
    .map((p) =>
      [p.name, p.license, p.licenseText ?? '(the package ships no licence text)'].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}
