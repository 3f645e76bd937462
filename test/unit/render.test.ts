import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import { parseIssue } from '../../src/core/parse/parseIssue';
import { IssueHtmlRenderer, layoutIssue, renderExportHtml, renderPlainText, renderPlainTextLines, mastheadOf } from '../../src/core/render';
import { smartQuotes, typographicSymbols } from '../../src/core/render/typography';
import { buildPreviewDocument, createNonce, emailToHtml, previewCsp } from '../../src/vscode/previewDocument';
import { asPreviewState, isFromWebviewMessage, isToWebviewMessage } from '../../src/webview/messages';
import { projectRoot } from './helpers/text';

const fixture = (name: string) => readFileSync(join(projectRoot, 'test', 'fixtures', 'render', name), 'utf8');

function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') out.push(node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(fromHtml(html, { fragment: true }) as Root);
  return out;
}

function text(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(text).join('');
  return '';
}

const classOf = (el: Element) => (el.properties.className as string[] | undefined) ?? [];

describe('plain-text email', () => {
  test('gives the mail written by hand for the FORMAT.md issue, footer included', () => {
    const document = parseIssue(fixture('weekly.md'), 'weekly.md');
    assert.equal(renderPlainText(document, { footer: 'Subscribe at https://example.org/subscribe' }), fixture('weekly.mail.txt'));
  });

  test('ends without a footer paragraph when the footer setting is empty', () => {
    const mail = renderPlainText(parseIssue(fixture('weekly.md')), { footer: '' });
    assert.ok(mail.endsWith('https://github.com/example/toolname\n'));
  });

  test('keeps the source line of each body line so the email view can sync its scrolling', () => {
    const lines = renderPlainTextLines(parseIssue(fixture('weekly.md')));
    const offer = lines.find((l) => l.text === 'https://acme.example/offer');
    assert.equal(offer?.sourceLine, 12); // `<br>[https://acme.example/offer](...)`: line 13 of the file, 0-based 12
    assert.equal(lines.find((l) => l.text === 'News')?.sourceLine, 15);
  });

  test('writes a title that does not name an issue number on one line', () => {
    const document = parseIssue('---\ntitle: Special edition\n---\n\nHello.\n');
    assert.deepEqual(renderPlainText(document).split('\n').slice(0, 3), ['Special edition', '', 'Hello.']);
  });

  test('does not add a second blank line before a link line that already follows one', () => {
    const document = parseIssue('---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2020\n---\n\nNews\n====\n\nText.\n\n<br>[https://x.example/](https://x.example/)\n');
    assert.match(renderPlainText(document), /Text\.\n\nhttps:\/\/x\.example\/\n$/);
  });
});

describe('web HTML', () => {
  const document = parseIssue(fixture('weekly.md'), 'weekly.md');
  const issue = new IssueHtmlRenderer().render(document);
  const html = layoutIssue(issue);
  const all = elements(html);

  test('shows a masthead with the issue number and the date', () => {
    const masthead = all.find((el) => el.tagName === 'header');
    assert.ok(masthead);
    const words = text(masthead).replace(/\s+/g, ' ');
    assert.match(words, /DEVOPS WEEKLY/);
    assert.match(words, /Issue #512/);
    assert.match(words, /18th October 2020/);
    const time = all.find((el) => el.tagName === 'time');
    assert.equal(time?.properties.dateTime, '2020-10-18');
    assert.equal(mastheadOf(document).number, 512);
  });

  test('sets the sponsor section apart and keeps the others in source order', () => {
    const sections = all.filter((el) => el.tagName === 'section');
    assert.deepEqual(sections.map((s) => text(s.children.find((c): c is Element => c.type === 'element') as Element).trim()), [
      'Acme sponsors Devops Weekly',
      'News',
      'Tools',
    ]);
    assert.ok(classOf(sections[0]).includes('nl-sponsor'));
    assert.ok(!classOf(sections[1]).includes('nl-sponsor'));
  });

  test('marks each entry with its key and lines for scroll sync and diagnostics', () => {
    const entries = all.filter((el) => classOf(el).includes('nl-entry'));
    assert.deepEqual(
      entries.map((e) => [e.properties.dataEntry, e.properties.dataLine, e.properties.dataLineEnd]),
      [
        // 0-based lines of the fixture: the intro is line 6 of the file, the sponsor entry lines 12-13...
        ['intro-0', '5', '5'],
        ['s0-e0', '11', '12'],
        ['s1-e0', '18', '19'],
        ['s1-e1', '22', '24'],
        ['s2-e0', '30', '31'],
      ],
    );
  });

  test('keeps <br> as a line break and every link with its target', () => {
    const second = all.find((el) => el.properties.dataEntry === 's1-e1') as Element;
    const inner = elements(layoutIssue({ ...issue, intro: [], sections: [{ ...issue.sections[1], blocks: [issue.sections[1].blocks[2]] }] }));
    assert.ok(second);
    assert.equal(inner.filter((el) => el.tagName === 'br').length, 2);
    assert.deepEqual(inner.filter((el) => el.tagName === 'a').map((a) => a.properties.href), [
      'https://c.example/notes',
      'https://a.example/part-1',
      'https://a.example/part-2',
    ]);
  });

  test('sets typographic quotes as the archive site does, but not inside code', () => {
    const quoted = layoutIssue(new IssueHtmlRenderer().render(parseIssue(fixture('quoted-sponsor.md'))));
    assert.match(quoted, /Intro with \u201Cquotes\u201D and an ellipsis\u2026 and a dash \u2013 here\./);
    assert.match(quoted, /<code>code "stays" -- as is<\/code>/);
    assert.match(layoutIssue(issue), /why it\u2019s worth reading/);
  });

  test('shows a `>From our sponsor` heading as a heading in a block quote, as kramdown does', () => {
    const quoted = elements(layoutIssue(new IssueHtmlRenderer().render(parseIssue(fixture('quoted-sponsor.md')))));
    const sponsor = quoted.find((el) => el.tagName === 'section' && classOf(el).includes('nl-sponsor'));
    assert.ok(sponsor, 'the quoted heading still opens the sponsor section');
    const heading = quoted.find((el) => el.tagName === 'h1');
    assert.equal(text(heading as Element), 'From our sponsor, Example Corp');
  });

  test('drops event handlers, javascript: links and script elements', () => {
    const quoted = layoutIssue(new IssueHtmlRenderer().render(parseIssue(fixture('quoted-sponsor.md'))));
    assert.doesNotMatch(quoted, /onclick|javascript:|<script|__pwned/i);
    assert.match(quoted, /<b>bold raw HTML<\/b>/);
    assert.match(quoted, /<a>javascript link<\/a>/);
  });

  test('gives a line break for each way of writing <br>, alone or beside other HTML', () => {
    // `<br>` alone takes a shortcut past the HTML parser; beside other HTML it goes through it.
    for (const br of ['<br>', '<br/>', '<br />', '<BR>', '<br\t/>']) {
      for (const around of [['', ''], ['<small>', '</small>']]) {
        const text = fixture('weekly.md').replace('why it\'s worth reading.\n<br>', `why it's worth ${around[0]}reading${around[1]}.\n${br}`);
        const html = new IssueHtmlRenderer().render(parseIssue(text, 'weekly.md')).sections[1].blocks[1].html;
        const tags = elements(html).map((el) => el.tagName);
        assert.deepEqual(tags, ['p', ...(around[0] ? ['small'] : []), 'br', 'a'], `${br} ${around[0]}: ${html}`);
        assert.match(html, /worth (?:<small>)?reading(?:<\/small>)?\.\n<br>/);
      }
    }
  });

  test('re-renders only the block an edit touched, and gives the same HTML as a fresh renderer', () => {
    const renderer = new IssueHtmlRenderer();
    const before = renderer.render(document);
    const edited = parseIssue(fixture('weekly.md').replace('some-post/)', 'some-post/)').replace('why it', 'why it really'), 'weekly.md');
    const after = renderer.render(edited);
    const changed = after.sections.flatMap((s) => s.blocks).filter((b, i) => b.html !== before.sections.flatMap((s) => s.blocks)[i].html);
    assert.deepEqual(changed.map((b) => b.key), ['s1-e0']);
    assert.deepEqual(after, new IssueHtmlRenderer().render(edited));
  });

  test('re-renders a block when a definition it references, or could, comes, changes or goes', () => {
    // The same block source is a link or plain brackets by the issue's definitions: a kept
    // renderer must give what a fresh one gives for each version.
    const base = fixture('weekly.md');
    const versions = [
      base.replace('why it', 'why [the docs] and [other] say it'),
      base.replace('why it', 'why [the docs] and [other] say it') + '\n[the docs]: https://docs.example/\n',
      base.replace('why it', 'why [the docs] and [other] say it') + '\n[the docs]: https://docs.example/moved\n',
      base.replace('why it', 'why [the docs] and [other] say it') + '\n[other]: https://other.example/\n',
      base.replace('why it', 'why [the docs] and [other] say it'),
    ];
    const renderer = new IssueHtmlRenderer();
    const shown: string[] = [];
    for (const text of versions) {
      const document = parseIssue(text, 'weekly.md');
      const kept = renderer.render(document);
      assert.deepEqual(kept, new IssueHtmlRenderer().render(document));
      shown.push(kept.sections.flatMap((s) => s.blocks).map((b) => b.html).join('\n'));
    }
    assert.match(shown[1], /href="https:\/\/docs\.example\/"/);
    assert.match(shown[2], /href="https:\/\/docs\.example\/moved"/);
    assert.match(shown[3], /href="https:\/\/other\.example\/"/);
    assert.doesNotMatch(shown[4], /docs\.example|other\.example/);
  });

  test('keeps the HTML of the blocks it saw, not the texts they were cut from', () => {
    // A long-lived preview renders one new text per edit; a cached block must not keep its text
    // alive. A paragraph of 100,000 two-byte characters makes each text 200 KB: 60 edits kept
    // would be 12 MB more heap after a full collection.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const base = fixture('weekly.md').replace('A short intro', `${'\u2192 '.repeat(50_000)}A short intro`);
    const renderer = new IssueHtmlRenderer();
    renderer.render(parseIssue(base, 'weekly.md'));
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let edit = 1; edit <= 60; edit++) {
      renderer.render(parseIssue(base.replace('some-post/)', `some-post/) edit ${edit}`), 'weekly.md'));
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 4_000_000, `the heap grew by ${grown} bytes over 60 edits`);
  });
});

describe('exported HTML', () => {
  const exported = renderExportHtml(parseIssue(fixture('weekly.md')), { footer: 'Subscribe at https://example.org/subscribe' });

  test('is one self-contained document: no script, no external style sheet, styles inline', () => {
    assert.match(exported, /^<!DOCTYPE html>/);
    assert.doesNotMatch(exported, /<script|<link /);
    const all = elements(exported);
    const links = all.filter((el) => el.tagName === 'a');
    assert.ok(links.length >= 6);
    assert.ok(links.every((a) => typeof a.properties.style === 'string' && a.properties.style.includes('color')));
    const sponsor = all.find((el) => classOf(el).includes('nl-sponsor'));
    assert.match(String(sponsor?.properties.style), /background/);
  });

  test('ends with the footer, its URL linked', () => {
    assert.match(exported, /<footer[^>]*><p>Subscribe at <a href="https:\/\/example.org\/subscribe"/);
  });
});

describe('typography', () => {
  test('follows kramdown\'s quote rules for apostrophes, openings and closings', () => {
    assert.equal(smartQuotes("don't"), 'don\u2019t');
    assert.equal(smartQuotes('say "hi" now'), 'say \u201Chi\u201D now');
    assert.equal(smartQuotes("the '90s"), 'the \u201990s');
    assert.equal(smartQuotes("'single'"), '\u2018single\u2019');
  });

  test('looks past the end of a run: a quote before emphasis opens', () => {
    // `"*Title*"`: the first quote is a run of its own, followed by the emphasis in the source.
    assert.equal(smartQuotes('"', '*T'), '\u201C');
    assert.equal(smartQuotes('"'), '\u201D');
  });

  test('turns dashes and ellipses into their symbols', () => {
    assert.equal(typographicSymbols('a -- b --- c...'), 'a \u2013 b \u2014 c\u2026');
  });
});

describe('preview document', () => {
  const nonce = createNonce();
  const document = parseIssue(fixture('weekly.md'));
  const page = buildPreviewDocument({
    cspSource: 'https://ext.example',
    nonce,
    scriptUri: 'https://ext.example/dist/webview/preview.js',
    styleUri: 'https://ext.example/media/preview.css',
    title: 'Preview weekly.md',
    view: 'web',
    issue: new IssueHtmlRenderer().render(document),
  });

  test('starts its CSP from default-src none and allows only the nonce\'d script, own styles and https images', () => {
    const csp = previewCsp('https://ext.example', nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /img-src https:;/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.ok(page.includes(`<script nonce="${nonce}" src="https://ext.example/dist/webview/preview.js"></script>`));
  });

  test('uses a fresh nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    assert.ok([...nonces].every((n) => n.length >= 32));
  });

  test('refuses a nonce that could break out of its attribute', () => {
    assert.throws(() => buildPreviewDocument({ cspSource: 'x', nonce: '"><script>', scriptUri: '', styleUri: '', title: '', view: 'web' }));
  });

  test('escapes the email view\'s text', () => {
    assert.equal(emailToHtml([{ text: '<b>&', sourceLine: 3 }]), '<pre class="nl-email" data-wrap="72"><span class="nl-email-line" data-line="3" data-line-end="3">&lt;b&gt;&amp;\n</span></pre>');
  });
});

describe('messages between the extension and the webview', () => {
  test('accept well-formed messages and reject anything else', () => {
    assert.ok(isFromWebviewMessage({ type: 'openLink', href: 'https://x.example/' }));
    assert.ok(isFromWebviewMessage({ type: 'revealLine', line: 3, endLine: 4 }));
    assert.ok(!isFromWebviewMessage({ type: 'revealLine', line: -1, endLine: 4 }));
    assert.ok(!isFromWebviewMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' }));
    assert.ok(!isFromWebviewMessage('ready'));
    assert.ok(isToWebviewMessage({ type: 'scrollToLine', line: 10 }));
    assert.ok(!isToWebviewMessage({ type: 'update', resource: 'file:///a.md', title: 't', locked: false, view: 'web', issue: { masthead: {}, intro: [], sections: [] } }));
    assert.ok(isToWebviewMessage({ type: 'marks', marks: [{ line: 1, severity: 'warning', message: 'm' }] }));
    assert.ok(!isToWebviewMessage({ type: 'marks', marks: [{ line: 1, severity: 'fatal', message: 'm' }] }));
  });

  test('restore a saved preview state only when it has the right shape', () => {
    assert.deepEqual(asPreviewState({ resource: 'file:///a.md', locked: true, view: 'email', line: 4 }), { resource: 'file:///a.md', locked: true, view: 'email', line: 4 });
    assert.equal(asPreviewState({ resource: 'file:///a.md', locked: 'yes', view: 'web' }), undefined);
    assert.equal(asPreviewState(null), undefined);
  });
});

describe('web HTML on extreme input', () => {
  test('shows a block nested too deeply for the tree utilities as text instead of failing', () => {
    const text = `---\ntitle: DEVOPS WEEKLY ISSUE \\#1 - 1st January 2021\n---\n\nBefore.\n\n${'<div>'.repeat(20000)}x\n\nAfter.\n`;
    const html = layoutIssue(new IssueHtmlRenderer().render(parseIssue(text)));
    assert.match(html, /<p>Before\.<\/p>/);
    assert.match(html, /nested too deeply/);
    assert.match(html, /<pre>&lt;div&gt;&lt;div&gt;/);
    assert.match(html, /<p>After\.<\/p>/);
  });
});
