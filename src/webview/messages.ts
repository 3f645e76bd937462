/**
 * The messages between the extension and the preview's script, checked on both sides: each side
 * drops anything that is not one of these (a webview can be sent anything by its page, and the
 * page renders text an author wrote). Plain data only; no DOM and no `vscode` here.
 */

export type PreviewView = 'web' | 'email';
export type MarkSeverity = 'error' | 'warning' | 'info' | 'hint';

export type BlockShape = 'paragraph' | 'list-item' | 'link-heading' | 'block';

export interface BlockData {
  readonly key: string;
  readonly kind: 'entry' | 'heading' | 'other';
  /** For an entry, its shape: each shape is one keyed block with its own lines. */
  readonly shape?: BlockShape;
  /** Sanitised HTML (the core's renderer made it). */
  readonly html: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface SectionData {
  readonly key: string;
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly blocks: readonly BlockData[];
  /** Subsections, shown inside this section after its blocks. */
  readonly sections?: readonly SectionData[];
}

/** Headings nest six deep at most; anything deeper did not come from the renderer. */
export const MAX_SECTION_DEPTH = 6;

export interface IssueData {
  readonly masthead: { readonly html: string; readonly startLine: number; readonly endLine: number };
  readonly intro: readonly BlockData[];
  readonly sections: readonly SectionData[];
}

export interface EmailLine {
  readonly text: string;
  readonly sourceLine?: number;
  /** Where in the source line this mail line's text begins (one source line can make several); absent: 0. */
  readonly sourceColumn?: number;
}

/** The email view's wrap column (`newsletter.email.wrapColumn`): 0 wraps at the panel's width. */
export const MAX_WRAP_COLUMN = 1000;

/** What the Copy buttons of the toolbar ask the extension to put on the clipboard. */
export type CopyWhat = 'text' | 'html';

/** A diagnostic of the issue, shown as a mark on the block that holds its first line. */
export interface MarkData {
  readonly line: number;
  /** The diagnostic's first character on its line: picks the mail line when one source line makes several. */
  readonly character?: number;
  readonly severity: MarkSeverity;
  readonly message: string;
  /** The web view shows this one in the page already, where the site differs: no block mark for it there. */
  readonly inPage?: boolean;
}

interface UpdateBase {
  readonly type: 'update';
  /** The issue file's URI, kept in the webview's state so the panel can be restored after a reload. */
  readonly resource: string;
  readonly title: string;
  readonly locked: boolean;
}

export type ToWebviewMessage =
  | (UpdateBase & { readonly view: 'web'; readonly issue: IssueData })
  | (UpdateBase & { readonly view: 'email'; readonly lines: readonly EmailLine[]; readonly wrapColumn?: number })
  | { readonly type: 'marks'; readonly marks: readonly MarkData[] }
  | { readonly type: 'scrollToLine'; readonly line: number };

export type FromWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'revealLine'; readonly line: number; readonly endLine: number }
  | { readonly type: 'scrolled'; readonly line: number }
  | { readonly type: 'setView'; readonly view: PreviewView }
  | { readonly type: 'copy'; readonly what: CopyWhat };

/** What the webview keeps with `setState`, and what the serializer gets back after a reload. */
export interface PreviewState {
  readonly resource: string;
  readonly locked: boolean;
  readonly view: PreviewView;
  readonly line?: number;
}

type Shape = Record<string, unknown>;

function isObject(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isView(value: unknown): value is PreviewView {
  return value === 'web' || value === 'email';
}

function isSeverity(value: unknown): value is MarkSeverity {
  return value === 'error' || value === 'warning' || value === 'info' || value === 'hint';
}

function isShape(value: unknown): value is BlockShape | undefined {
  return value === undefined || value === 'paragraph' || value === 'list-item' || value === 'link-heading' || value === 'block';
}

function isBlock(value: unknown): value is BlockData {
  return isObject(value) && typeof value.key === 'string' && (value.kind === 'entry' || value.kind === 'heading' || value.kind === 'other')
    && isShape(value.shape) && typeof value.html === 'string' && isLine(value.startLine) && isLine(value.endLine);
}

/** A section (its kind goes into a class name, so it is a plain word) and its subsections, bounded in depth. */
function isSection(value: unknown, depth = 0): value is SectionData {
  return isObject(value) && typeof value.key === 'string' && typeof value.kind === 'string' && /^[a-z-]{1,32}$/.test(value.kind)
    && isLine(value.startLine) && isLine(value.endLine) && Array.isArray(value.blocks) && value.blocks.every(isBlock)
    && (value.sections === undefined || (depth < MAX_SECTION_DEPTH && Array.isArray(value.sections) && value.sections.every((s) => isSection(s, depth + 1))));
}

function isIssue(value: unknown): value is IssueData {
  if (!isObject(value) || !isObject(value.masthead)) return false;
  const m = value.masthead;
  return typeof m.html === 'string' && isLine(m.startLine) && isLine(m.endLine)
    && Array.isArray(value.intro) && value.intro.every(isBlock)
    && Array.isArray(value.sections) && value.sections.every((s) => isSection(s));
}

function isEmailLine(value: unknown): value is EmailLine {
  return isObject(value) && typeof value.text === 'string' && (value.sourceLine === undefined || isLine(value.sourceLine))
    && (value.sourceColumn === undefined || isLine(value.sourceColumn));
}

function isMark(value: unknown): value is MarkData {
  return isObject(value) && isLine(value.line) && (value.character === undefined || isLine(value.character))
    && isSeverity(value.severity) && typeof value.message === 'string' && (value.inPage === undefined || typeof value.inPage === 'boolean');
}

export function isWrapColumn(value: unknown): value is number {
  return isLine(value) && value <= MAX_WRAP_COLUMN;
}

/** Checked by the webview's script before it acts on a message. */
export function isToWebviewMessage(value: unknown): value is ToWebviewMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'update':
      if (typeof value.resource !== 'string' || typeof value.title !== 'string' || typeof value.locked !== 'boolean') return false;
      if (value.view === 'web') return isIssue(value.issue);
      if (value.view === 'email') {
        return Array.isArray(value.lines) && value.lines.every(isEmailLine) && (value.wrapColumn === undefined || isWrapColumn(value.wrapColumn));
      }
      return false;
    case 'marks':
      return Array.isArray(value.marks) && value.marks.every(isMark);
    case 'scrollToLine':
      return isLine(value.line);
    default:
      return false;
  }
}

/** Checked by the extension before it acts on a message from the webview. */
export function isFromWebviewMessage(value: unknown): value is FromWebviewMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'openLink':
      return typeof value.href === 'string' && value.href.length <= 8192;
    case 'revealLine':
      return isLine(value.line) && isLine(value.endLine);
    case 'scrolled':
      return isLine(value.line);
    case 'setView':
      return isView(value.view);
    case 'copy':
      return value.what === 'text' || value.what === 'html';
    default:
      return false;
  }
}

/** The saved state, if it has the right shape (it comes back from disk after a reload). */
export function asPreviewState(value: unknown): PreviewState | undefined {
  if (!isObject(value) || typeof value.resource !== 'string' || typeof value.locked !== 'boolean' || !isView(value.view)) return undefined;
  return { resource: value.resource, locked: value.locked, view: value.view, line: isLine(value.line) ? value.line : undefined };
}
