import picomatch from 'picomatch';
import type { FormatProfile } from './format/profile';

/**
 * Where exports go when nothing was remembered: a folder of the project that the site generators
 * do not publish (Jekyll skips folders whose name starts with `_`; Pelican reads only its content).
 */
export const DEFAULT_EXPORT_FOLDER = '_exports';

/** The folders the site generator publishes from: `_posts`, the profile's `files.folder`, and the fixed part of each glob. */
export function publishedFolders(profile: FormatProfile): string[] {
  const folders = new Set<string>(['_posts']);
  const clean = (path: string) => path.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '');
  if (profile.files.folder) folders.add(clean(profile.files.folder));
  for (const glob of profile.files.globs) {
    const base = clean(picomatch.scan(glob).base);
    // `**/*.md` has no fixed folder: it names files by extension, and an `.html` is none of them.
    if (base !== '') folders.add(base);
  }
  return [...folders].filter((folder) => folder !== '');
}

/**
 * Whether a path (relative to the project folder, `/`-separated) lies where the site generator
 * would publish a file: in a published folder (at any depth for `_posts`, as Jekyll reads every
 * `_posts` folder), or below one.
 */
export function isInPublishedFolder(relativePath: string, profile: FormatProfile): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '');
  if (path === '' || path.startsWith('../')) return false;
  const segments = path.split('/');
  return publishedFolders(profile).some((folder) => {
    if (!folder.includes('/') && folder.startsWith('_')) return segments.includes(folder);
    return path === folder || path.startsWith(`${folder}/`);
  });
}

/**
 * The folder Export proposes (relative to the project folder): the one used last when it is not
 * a published folder, else `_exports`.
 */
export function exportFolderFor(profile: FormatProfile, remembered?: string): string {
  if (remembered !== undefined && !isInPublishedFolder(remembered, profile)) return remembered;
  return DEFAULT_EXPORT_FOLDER;
}
