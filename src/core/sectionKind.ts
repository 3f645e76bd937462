import type { EntryShape, FormatProfile, SectionKind } from './format/profile';

/** What the profile makes of a section heading. */
export interface SectionClass {
  readonly kind: SectionKind;
  readonly featured: boolean;
  readonly repeatsByDesign: boolean;
  readonly entryShape: EntryShape;
}

/** A heading's text as section rules see it: no `>`, spaces collapsed, no trailing `:` or `.`, lower case. */
export function normalizeSectionName(name: string): string {
  return name.trim().replace(/^>\s*/, '').replace(/\s+/g, ' ').replace(/[:.]$/, '').toLowerCase();
}

const compiled = new WeakMap<FormatProfile['sections']['rules'], RegExp[]>();

function patternsOf(profile: FormatProfile): RegExp[] {
  let patterns = compiled.get(profile.sections.rules);
  if (!patterns) {
    patterns = profile.sections.rules.map((rule) => new RegExp(rule.match, 'i'));
    compiled.set(profile.sections.rules, patterns);
  }
  return patterns;
}

/**
 * Classifies a section by the profile's rules, the first matching one winning. A subsection that
 * no rule names takes after its parent (the `Foundation` links under `Updates from Rust Community`
 * are community links too); a top-level one is `other`, not featured, of the profile's entry shape.
 */
export function classifySection(name: string, profile: FormatProfile, parent?: SectionClass): SectionClass {
  const normalized = normalizeSectionName(name);
  const patterns = patternsOf(profile);
  for (let i = 0; i < patterns.length; i++) {
    if (!patterns[i].test(normalized)) continue;
    const rule = profile.sections.rules[i];
    return {
      kind: rule.kind,
      featured: rule.featured ?? false,
      repeatsByDesign: rule.repeatsByDesign ?? false,
      entryShape: rule.entryShape ?? parent?.entryShape ?? profile.entries.shape,
    };
  }
  if (parent) return parent;
  return { kind: 'other', featured: false, repeatsByDesign: false, entryShape: profile.entries.shape };
}

/** The kind of a section heading under a profile (see `classifySection`). */
export function sectionKindOf(name: string, profile: FormatProfile): SectionKind {
  return classifySection(name, profile).kind;
}
