import type { Schema } from 'hast-util-sanitize';

/**
 * What may reach the preview and the exported HTML: the formatting Markdown produces and the few
 * HTML tags issues use (`<br>`), nothing that can run, load, submit or navigate on its own. An
 * allow-list: any element not named here is unwrapped (its text kept, as text), the elements in
 * `strip` go with their content, and any attribute not named here is dropped (so `on*`, `style`,
 * `srcset`, `formaction`... never get through). Links keep http(s) and mailto targets only; images
 * https only (the preview's CSP says the same, `img-src https:`).
 */
export const ISSUE_SCHEMA: Schema = {
  tagNames: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre',
    'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
    'thead', 'tr', 'u', 'ul',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    code: [['className', /^language-[\w-]+$/]],
    ol: ['start'],
    td: ['align', 'colSpan', 'rowSpan'],
    th: ['align', 'colSpan', 'rowSpan'],
    '*': ['lang', 'dir'],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['https'],
  },
  ancestors: {
    tbody: ['table'],
    td: ['table'],
    th: ['table'],
    thead: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    li: ['ol', 'ul'],
  },
  clobber: [],
  strip: [
    'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript',
    'noembed', 'noframes', 'textarea', 'title', 'xmp', 'svg', 'math', 'select', 'option', 'head', 'meta',
    'link', 'base',
  ],
};
