/**
 * The script inside the preview webview: applies updates in place (keyed blocks, so an edit
 * replaces only what changed and the scroll position stays), syncs scrolling by entry both ways,
 * shows diagnostic marks, and hands clicks to the extension (links never navigate here).
 */
import {
  isToWebviewMessage,
  type BlockData,
  type EmailLine,
  type FromWebviewMessage,
  type IssueData,
  type MarkData,
  type PreviewState,
  type PreviewView,
  type SectionData,
  type ToWebviewMessage,
} from './messages';
import { blockClassName, sectionClassName } from '../core/render/classNames';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('nl-root') as HTMLElement;
let state: PreviewState | undefined;
let view: PreviewView = document.body.classList.contains('nl-view-email') ? 'email' : 'web';
let marks: readonly MarkData[] = [];
/** Until when scroll events are ours (a scroll the extension asked for), not the user's. */
let ignoreScrollUntil = 0;
/** The HTML each keyed element was built from, to tell what changed. */
const builtFrom = new WeakMap<Element, string>();

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(partial: Partial<PreviewState>): void {
  if (!state && !partial.resource) return;
  state = { ...(state ?? { resource: '', locked: false, view }), ...partial } as PreviewState;
  vscode.setState(state);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToWebviewMessage(message)) return;
  handle(message);
});

function handle(message: ToWebviewMessage): void {
  switch (message.type) {
    case 'update':
      setView(message.view);
      if (message.view === 'web') updateIssue(message.issue);
      else updateEmail(message.lines, message.wrapColumn);
      document.title = message.title;
      (document.querySelector('.nl-locked') as HTMLElement | null)?.toggleAttribute('hidden', !message.locked);
      saveState({ resource: message.resource, locked: message.locked, view: message.view });
      applyMarks();
      break;
    case 'marks':
      marks = message.marks;
      applyMarks();
      break;
    case 'scrollToLine':
      scrollToLine(message.line);
      break;
  }
}

function setView(next: PreviewView): void {
  view = next;
  document.body.classList.toggle('nl-view-web', next === 'web');
  document.body.classList.toggle('nl-view-email', next === 'email');
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('.nl-view-button'))) {
    button.setAttribute('aria-pressed', String(button.dataset.view === next));
  }
}

// --- Updating in place -------------------------------------------------------------------------

function fragment(html: string): DocumentFragment {
  // A template's content is inert: nothing in it loads or runs while it is parsed.
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function element(tag: string, className: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

function setLines(el: Element, startLine: number, endLine: number): void {
  if (el.getAttribute('data-line') !== String(startLine)) el.setAttribute('data-line', String(startLine));
  if (el.getAttribute('data-line-end') !== String(endLine)) el.setAttribute('data-line-end', String(endLine));
}

/**
 * Makes `parent`'s children the wanted ones in order, reusing elements by key. `make` returns the
 * element to show (the existing one, updated, or a new one) and leaves the DOM alone; elements
 * already in place are never moved, so nothing that did not change is touched.
 */
function reconcileChildren(parent: Element, wanted: readonly { key: string; make: (existing: Element | undefined) => Element }[]): void {
  const byKey = new Map<string, Element>();
  for (const child of Array.from(parent.children)) {
    const key = child.getAttribute('data-entry') ?? child.getAttribute('data-key');
    if (key) byKey.set(key, child);
  }
  const elements = wanted.map(({ key, make }) => make(byKey.get(key)));
  const keep = new Set(elements);
  let cursor: Element | null = parent.firstElementChild;
  for (const el of elements) {
    while (cursor && !keep.has(cursor)) cursor = cursor.nextElementSibling;
    if (el === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(el, cursor);
  }
  for (const child of Array.from(parent.children)) if (!keep.has(child)) child.remove();
}

function blockElement(block: BlockData, existing: Element | undefined): Element {
  const className = blockClassName(block);
  if (existing && builtFrom.get(existing) === block.html && existing.className === className) {
    setLines(existing, block.startLine, block.endLine);
    return existing;
  }
  const el = element('div', className, { 'data-entry': block.key });
  setLines(el, block.startLine, block.endLine);
  el.appendChild(fragment(block.html));
  builtFrom.set(el, block.html);
  return el;
}

/** A section: its blocks, then its subsections (each a `section` inside it), reconciled by key. */
function sectionElement(section: SectionData, existing: Element | undefined, depth: number): Element {
  const className = sectionClassName(section, depth);
  let el = existing;
  if (!el || el.tagName !== 'SECTION') el = element('section', className, { 'data-key': section.key });
  if (el.className !== className) el.className = className;
  if (section.kind === 'sponsor') el.setAttribute('aria-label', 'Sponsor');
  else el.removeAttribute('aria-label');
  setLines(el, section.startLine, section.endLine);
  reconcileChildren(el, [
    ...section.blocks.map((b) => ({ key: b.key, make: (old: Element | undefined) => blockElement(b, old) })),
    ...(section.sections ?? []).map((s) => ({ key: s.key, make: (old: Element | undefined) => sectionElement(s, old, depth + 1) })),
  ]);
  return el;
}

function updateIssue(issue: IssueData): void {
  let article = root.querySelector(':scope > article.nl-issue');
  if (!article) {
    root.replaceChildren();
    article = element('article', 'nl-issue', {});
    root.appendChild(article);
  }
  reconcileChildren(article, [
    {
      key: 'masthead',
      make: (old) => {
        if (old && old.tagName === 'HEADER' && builtFrom.get(old) === issue.masthead.html) {
          setLines(old, issue.masthead.startLine, issue.masthead.endLine);
          return old;
        }
        const el = element('header', 'nl-masthead', { 'data-entry': 'masthead' });
        setLines(el, issue.masthead.startLine, issue.masthead.endLine);
        el.appendChild(fragment(issue.masthead.html));
        builtFrom.set(el, issue.masthead.html);
        return el;
      },
    },
    {
      key: 'intro',
      make: (old) => {
        const el = old && old.tagName === 'DIV' ? old : element('div', 'nl-intro', { 'data-key': 'intro' });
        reconcileChildren(el, issue.intro.map((b) => ({ key: b.key, make: (o) => blockElement(b, o) })));
        return el;
      },
    },
    ...issue.sections.map((s) => ({ key: s.key, make: (old: Element | undefined) => sectionElement(s, old, 0) })),
  ]);
}

function updateEmail(lines: readonly EmailLine[], wrapColumn: number | undefined): void {
  let pre = root.querySelector<HTMLElement>(':scope > pre.nl-email');
  if (!pre) {
    root.replaceChildren();
    pre = element('pre', 'nl-email', {});
    root.appendChild(pre);
  }
  if (wrapColumn !== undefined) pre.dataset.wrap = String(wrapColumn);
  applyWrap(pre);
  const spans = lines.map((line) => {
    const span = document.createElement('span');
    span.className = 'nl-email-line';
    if (line.sourceLine !== undefined) setLines(span, line.sourceLine, line.sourceLine);
    if (line.sourceLine !== undefined && line.sourceColumn) span.dataset.column = String(line.sourceColumn);
    span.textContent = `${line.text}\n`;
    return span;
  });
  pre.replaceChildren(...spans);
}

/** The mail wraps at its wrap column (characters of the fixed-width font), 0: at the panel's width. */
function applyWrap(pre: HTMLElement): void {
  const column = Number(pre.dataset.wrap);
  // Set through the CSSOM: the policy allows no style attributes in the markup.
  if (Number.isInteger(column) && column > 0) pre.style.setProperty('--nl-wrap', `${column}ch`);
  else pre.style.removeProperty('--nl-wrap');
}

// --- Diagnostic marks --------------------------------------------------------------------------

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function applyMarks(): void {
  for (const el of Array.from(root.querySelectorAll('.nl-marked'))) {
    el.classList.remove('nl-marked', 'nl-mark-error', 'nl-mark-warning', 'nl-mark-info', 'nl-mark-hint');
    el.removeAttribute('title');
    el.querySelector(':scope > .nl-mark-badge')?.remove();
  }
  const shown = view === 'web' ? marks.filter((m) => !m.inPage) : marks;
  if (shown.length === 0) return;
  const targets = Array.from(root.querySelectorAll<HTMLElement>(view === 'web' ? '.nl-block[data-line], .nl-masthead[data-line]' : '.nl-email-line[data-line]'));
  const grouped = new Map<HTMLElement, MarkData[]>();
  for (const mark of shown) {
    const target = markTarget(targets, mark) ?? (view === 'web' ? (root.querySelector<HTMLElement>('.nl-masthead') ?? undefined) : undefined);
    if (!target) continue;
    const list = grouped.get(target) ?? [];
    list.push(mark);
    grouped.set(target, list);
  }
  for (const [el, list] of grouped) {
    list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    el.classList.add('nl-marked', `nl-mark-${list[0].severity}`);
    el.title = list.map((m) => `${SEVERITY_LABEL[m.severity]}: ${m.message}`).join('\n');
    if (view === 'web') {
      const badge = document.createElement('span');
      badge.className = `nl-mark-badge nl-mark-badge-${list[0].severity}`;
      badge.setAttribute('role', 'note');
      const text = document.createElement('span');
      text.className = 'nl-mark-text';
      text.append(...messageNodes(list[0].message));
      if (list.length > 1) text.append(` (+${list.length - 1} more)`);
      badge.append(severityIcon(list[0].severity), text);
      el.prepend(badge);
    }
  }
}

/**
 * The element a mark belongs on: the one whose lines hold the mark's line; where one source line
 * made several (the mail's two title lines), the last that starts at or before the mark's character.
 */
function markTarget(targets: readonly HTMLElement[], mark: MarkData): HTMLElement | undefined {
  const holding = targets.filter((el) => Number(el.dataset.line) <= mark.line && mark.line <= Number(el.dataset.lineEnd));
  if (holding.length <= 1) return holding[0];
  const character = mark.character ?? 0;
  let best = holding[0];
  for (const el of holding) if (Number(el.dataset.line) === Number(best.dataset.line) && Number(el.dataset.column ?? 0) <= character) best = el;
  return best;
}

const SEVERITY_LABEL: Record<MarkData['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' };

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Each severity's glyph (16x16, drawn in the current colour): a cross, a triangle, an i, a bulb. */
const SEVERITY_PATHS: Record<MarkData['severity'], string> = {
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM5.6 4.5 4.5 5.6 6.9 8l-2.4 2.4 1.1 1.1L8 9.1l2.4 2.4 1.1-1.1L9.1 8l2.4-2.4-1.1-1.1L8 6.9z',
  warning: 'M8 1.2 15.2 14H.8zm0 3L3.3 12.5h9.4zM7.25 6.5h1.5v3.2h-1.5zm0 4.2h1.5v1.4h-1.5z',
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM7.25 7h1.5v4.5h-1.5zm0-2.6h1.5v1.5h-1.5z',
  hint: 'M8 1.5a4.5 4.5 0 0 0-2.5 8.2V12h5V9.7A4.5 4.5 0 0 0 8 1.5zm0 1.5a3 3 0 0 1 1.6 5.5l-.6.4v1.6H7V8.9l-.6-.4A3 3 0 0 1 8 3zM6 13h4v1.5H6z',
};

/** The severity's glyph, labelled for screen readers with the severity's name. */
function severityIcon(severity: MarkData['severity']): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', `nl-mark-icon nl-mark-icon-${severity}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', SEVERITY_LABEL[severity]);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = SEVERITY_LABEL[severity];
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', SEVERITY_PATHS[severity]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(title, path);
  return svg;
}

/** A diagnostic's message as text nodes, with each `code` span (between backticks) as a `code` element. */
function messageNodes(message: string): Node[] {
  const nodes: Node[] = [];
  const pattern = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (const m of message.matchAll(pattern)) {
    if (m.index > last) nodes.push(document.createTextNode(message.slice(last, m.index)));
    const code = document.createElement('code');
    code.textContent = m[2].trim() === '' ? m[2] : m[2].replace(/^ (.*) $/s, '$1');
    nodes.push(code);
    last = m.index + m[0].length;
  }
  if (last < message.length) nodes.push(document.createTextNode(message.slice(last)));
  return nodes;
}

// --- Scroll sync -------------------------------------------------------------------------------

function lineElements(): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(view === 'web' ? '.nl-block[data-line], .nl-masthead[data-line]' : '.nl-email-line[data-line]'));
}

function scrollToLine(line: number): void {
  const elements = lineElements();
  if (elements.length === 0) return;
  if (line <= Number(elements[0].dataset.line)) {
    // The top of the file: the top of the page, toolbar and margins included.
    ignoreScrollUntil = Date.now() + 200;
    window.scrollTo({ top: 0, behavior: 'instant' as ScrollBehavior });
    return;
  }
  let target = elements[0];
  for (const el of elements) {
    if (Number(el.dataset.line) <= line) target = el;
    else break;
  }
  const start = Number(target.dataset.line);
  const end = Number(target.dataset.lineEnd);
  const rect = target.getBoundingClientRect();
  const fraction = end > start ? Math.min(1, Math.max(0, (line - start) / (end - start + 1))) : 0;
  ignoreScrollUntil = Date.now() + 200;
  window.scrollTo({ top: window.scrollY + rect.top + fraction * rect.height - toolbarHeight(), behavior: 'instant' as ScrollBehavior });
}

function toolbarHeight(): number {
  return (document.querySelector('.nl-toolbar') as HTMLElement | null)?.offsetHeight ?? 0;
}

function topLine(): number | undefined {
  const offset = toolbarHeight();
  for (const el of lineElements()) {
    const rect = el.getBoundingClientRect();
    if (rect.bottom > offset) {
      const start = Number(el.dataset.line);
      const end = Number(el.dataset.lineEnd);
      const fraction = rect.height > 0 ? Math.max(0, (offset - rect.top) / rect.height) : 0;
      return Math.floor(start + fraction * (end - start + 1));
    }
  }
  return undefined;
}

let scrollPending = false;
window.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    if (Date.now() < ignoreScrollUntil) return;
    const line = topLine();
    if (line === undefined) return;
    saveState({ line });
    post({ type: 'scrolled', line });
  });
}, { passive: true });

// --- Clicks: links go to the extension, entries reveal their lines ------------------------------

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const copyButton = target.closest<HTMLButtonElement>('.nl-copy-button');
  if (copyButton) {
    const what = copyButton.dataset.copy;
    if (what === 'text' || what === 'html') post({ type: 'copy', what });
    return;
  }
  const viewButton = target.closest<HTMLButtonElement>('.nl-view-button');
  if (viewButton) {
    const next = viewButton.dataset.view;
    if (next === 'web' || next === 'email') post({ type: 'setView', view: next });
    return;
  }
  const link = target.closest('a');
  if (link) {
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href) post({ type: 'openLink', href });
    return;
  }
  if (window.getSelection()?.toString()) return; // selecting text is not a request to jump
  const block = target.closest<HTMLElement>('[data-line]');
  if (block) post({ type: 'revealLine', line: Number(block.dataset.line), endLine: Number(block.dataset.lineEnd) });
});

// Middle clicks and keyboard activation of links must not navigate either.
document.addEventListener('auxclick', (event) => {
  if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
});
document.addEventListener('submit', (event) => event.preventDefault());

const initialEmail = root.querySelector<HTMLElement>(':scope > pre.nl-email');
if (initialEmail) applyWrap(initialEmail);

// The blocks already in the page came from the same HTML the first update carries: remember them.
for (const el of Array.from(root.querySelectorAll('[data-entry]'))) builtFrom.set(el, el.innerHTML);

const restored = vscode.getState();
if (restored && typeof restored === 'object') state = restored as PreviewState;
post({ type: 'ready' });
