import type { Element, Nodes, Root, Text } from 'hast';

/**
 * The archive's site (kramdown) sets typographic quotes and dashes: `it's` reads `it’s`,
 * `"word"` reads `“word”`, `...` reads `…`, `--` and `---` read – and —. The web view does the
 * same so that it shows what readers see. The quote rules are kramdown's (themselves RubyPants'),
 * applied to each run of text with a look at the character that follows it in the source.
 */

const SQ_PUNCT = '[!"#$%\'()*+,\\-./:;<=>?@[\\\\\\]^_`{|}~]';
const SQ_CLOSE = '[^ \\\\\\t\\r\\n[{(\\-]';

type Subst = number | 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2' | 'ldquo' | 'lsquo' | 'rsquo';

// In kramdown's order; `y` anchors each rule where the quote (or the character before it) is.
const SQ_RULES: readonly [RegExp, readonly Subst[]][] = [
  [/("|')(?=[_*]{1,2}\S)/y, ['lquote1']],
  [new RegExp(`("|')(?=${SQ_PUNCT}(?!\\.\\.)\\B)`, 'y'), ['rquote1']],
  [/(\s?)"'(?=\w)/y, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/y, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/y, [1, 'rsquo']],
  [/(\s)('|")(?=\w)/y, [1, 'lquote2']],
  [new RegExp(`(${SQ_CLOSE})('|")`, 'y'), [1, 'rquote2']],
  [/("|')(?=\s|s\b|$)/my, ['rquote1']],
  [/(.?)'/sy, [1, 'lsquo']],
  [/(.?)"/sy, [1, 'ldquo']],
];

const QUOTES: Record<string, string> = { ldquo: '\u201C', rdquo: '\u201D', lsquo: '\u2018', rsquo: '\u2019' };
const START = /[^\\]?["']/g;

/** Smart quotes for one run of text; `after` is the source text that follows the run (a character or two). */
export function smartQuotes(text: string, after = ''): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const source = text + after;
  let out = '';
  let pos = 0;
  START.lastIndex = 0;
  for (;;) {
    START.lastIndex = pos;
    const start = START.exec(source);
    if (!start) break;
    const quoteAt = start.index + start[0].length - 1;
    if (quoteAt >= text.length) break; // the quote is the look-ahead character: not ours
    out += source.slice(pos, start.index);
    let matched = false;
    for (const [rule, substs] of SQ_RULES) {
      rule.lastIndex = start.index;
      const m = rule.exec(source);
      if (!m) continue;
      for (const subst of substs) {
        if (typeof subst === 'number') {
          out += m[subst] ?? '';
        } else if (subst === 'lquote1' || subst === 'rquote1' || subst === 'lquote2' || subst === 'rquote2') {
          const quote = m[Number(subst.slice(-1))];
          const double = quote === '"';
          const left = subst.startsWith('l');
          out += QUOTES[`${left ? 'l' : 'r'}${double ? 'd' : 's'}quo`];
        } else {
          out += QUOTES[subst];
        }
      }
      pos = start.index + m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      out += source.slice(start.index, quoteAt + 1);
      pos = quoteAt + 1;
    }
    if (pos >= text.length) break;
  }
  return out + text.slice(Math.min(pos, text.length));
}

/** `---` -> —, `--` -> –, `...` -> …, `<<` -> «, `>>` -> » (kramdown's typographic symbols). */
export function typographicSymbols(text: string): string {
  return text.replace(/---|--|\.\.\.|<<|>>/g, (s) => ({ '---': '\u2014', '--': '\u2013', '...': '\u2026', '<<': '\u00AB', '>>': '\u00BB' })[s] ?? s);
}

const VERBATIM = new Set(['code', 'pre', 'kbd', 'script', 'style', 'textarea']);

/**
 * Applies both to every text of the tree outside code. `charAfter(offset)` gives the source
 * characters at a body offset (the end of a text node), for the quote rules' look-ahead.
 */
export function applyTypography(tree: Root | Element, charAfter: (offset: number) => string): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'text') {
      const text = node as Text;
      const end = text.position?.end.offset;
      const after = end === undefined ? '' : charAfter(end);
      text.value = smartQuotes(typographicSymbols(text.value), after);
      continue;
    }
    if (node.type === 'element' && VERBATIM.has(node.tagName)) continue;
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
}
