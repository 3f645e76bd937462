import type { Html } from 'mdast';
import type { Finding, Fix, IssueDocument } from '../model';
import type { Rule, RuleCode } from './rule';
import { finding, insert, replace } from './helpers';
import { offsetsOf, walk } from './renderSource';

const SWALLOWED: RuleCode = {
  code: 'html.swallowed',
  reach: 'item',
  defaultSeverity: 'warning',
  description: 'Text in angle brackets outside a code span (`Vec<T>`, `<something>`) is read as an HTML tag that the browser does not show: it vanishes from the page.',
  siteShows: 'nothing for the tag',
};

/** The elements of HTML (the living standard, and the obsolete ones browsers still show). */
const HTML_ELEMENTS = new Set(`a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu meta meter
nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select
slot small source span strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track u
ul var video wbr center font strike tt big acronym svg math`.split(/\s+/));

/** An opening or closing tag: `<name`, `</name`, followed by a space, `/` or `>`. */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>/g;

/** Characters of a word the tag is glued to (`Vec<T>`, `Result<Option<T>>`, `HashMap<K>::new`). */
const BEFORE = /[\p{L}\p{N}_:&<-]/u;
const AFTER = /[\p{L}\p{N}_:>]/u;

/**
 * Raw HTML in the Markdown is passed to the page as it is written, by every renderer; the browser
 * then shows nothing for a tag it does not know (`<T>`, `<something>`) nor for a known one spelt in
 * capitals as a type parameter is (`Option<B>` opens a `<b>`). Standard HTML elements written in
 * lower case, and the tags the profile allows (`html.allowedTags`), are HTML on purpose.
 */
export const htmlSwallowedRule: Rule = {
  name: 'html-swallowed',
  codes: [SWALLOWED],
  docs: 'docs/rules.md',
  check: (context) => {
    const { document } = context;
    const allowed = new Set(context.config.format.html?.allowedTags ?? []);
    const findings: Finding[] = [];
    walk(document, (node) => {
      if (node.type !== 'html') return;
      const offsets = offsetsOf(document, node);
      if (!offsets) return;
      const value = (node as Html).value;
      const source = document.text.slice(offsets[0], offsets[1]);
      // A block's value and its source differ by the container's markers; read tags from the source.
      const text = source.length >= value.length ? source : value;
      TAG.lastIndex = 0;
      for (let match = TAG.exec(text); match; match = TAG.exec(text)) {
        const name = match[2];
        if (allowed.has(name) || allowed.has(name.toLowerCase())) continue;
        // `<br>` and `<BR>` are HTML on purpose; a one-letter capital (`Option<B>`, `Vec<A>`) is a type.
        const lower = name.toLowerCase();
        if (HTML_ELEMENTS.has(lower) && (name === lower || (name === name.toUpperCase() && name.length > 1))) continue;
        const start = offsets[0] + match.index;
        const end = start + match[0].length;
        if (document.text.slice(start, end) !== match[0]) continue;
        const range = { start: document.lines.positionAt(start), end: document.lines.positionAt(end) };
        findings.push(finding(SWALLOWED, range,
          `\`${match[0]}\` is read as an HTML tag: the page shows nothing for it${match[1] ? '' : ' (and may hide or restyle what follows)'}. Put the text in backticks or write \`&lt;\`.`, {
            fixes: fixesFor(document, start, end),
          }));
      }
    });
    return findings;
  },
};

function fixesFor(document: IssueDocument, start: number, end: number): Fix[] {
  const text = document.text;
  let from = start;
  while (from > 0 && BEFORE.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && AFTER.test(text[to])) to++;
  if (text.startsWith('()', to)) to += 2;
  const token = text.slice(from, to);
  const at = (offset: number) => document.lines.positionAt(offset);
  const escape: Fix = { title: 'Write the `<` as `&lt;`', edits: [replace({ start: at(start), end: at(start + 1) }, '&lt;')] };
  // Backticks on the line could pair with new ones in another way than meant: write `&lt;` there.
  const line = document.lines.lineText(at(start).line);
  const tokenIsClean = !/\s/.test(token) && !line.includes('`');
  if (!tokenIsClean) return [{ ...escape, preferred: true, safe: true }];
  return [
    { title: `Put \`${token}\` in backticks`, edits: [insert(at(from), '`'), insert(at(to), '`')], preferred: true, safe: true },
    escape,
  ];
}
