import type { FormatProfile } from './profile';

/** A file of the archive, as inference sees it: its path relative to the archive's root, and its text. */
export interface ArchiveFile {
  readonly path: string;
  readonly text: string;
}

/** How sure inference is of one part of the profile, with what it saw. */
export interface InferredPart {
  readonly part: string;
  /** What was inferred, for people: `pelican header`, `This Week in Rust {number}`. */
  readonly value: string;
  /** 0..1: the share of issues that agree with the inferred value. */
  readonly confidence: number;
  readonly evidence: string;
}

export interface InferenceResult {
  readonly profile: FormatProfile;
  readonly issueCount: number;
  readonly parts: readonly InferredPart[];
}

/**
 * Infers a format profile from an archive: the Markdown files (issues and others), plus the
 * repository's other files that say something (a site config such as `_config.yml` or
 * `pelicanconf.py`, a template for new issues). Learns from the files only; never from a preset's
 * name. Implemented in the inference task; this signature is what the editor and the CLI call.
 */
export function inferProfile(files: readonly ArchiveFile[], others: readonly ArchiveFile[] = []): InferenceResult {
  void files;
  void others;
  throw new Error('inferProfile: not implemented yet');
}
