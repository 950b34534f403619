import { pathToFileURL } from 'node:url';
import { findPackageDir, packageEntry } from './node-modules.js';

/**
 * Imports an installed package by name, looked up from these folders in turn (for custom modules given by name).
 * Light on purpose: a plugin's worker thread imports it too (isolated-loader.ts).
 */
export function packageImporter(startDirs: readonly string[]): (name: string) => Promise<unknown> {
  return async (name) => {
    const dir = await findPackageDir(name, startDirs);
    if (!dir) throw new Error(`the package '${name}' is not installed in any node_modules folder above ${startDirs.join(' or ')}`);
    return import(pathToFileURL(await packageEntry(dir)).href);
  };
}
