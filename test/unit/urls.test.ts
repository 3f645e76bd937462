import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeUrl, parseHttpUrl, sameUrl } from '../../src/core/urls';

describe('normalizeUrl', () => {
  test('treats http and https, upper-case hosts and www. as the same site', () => {
    assert.equal(normalizeUrl('HTTP://WWW.Example.ORG/Post'), 'https://example.org/Post');
    assert.equal(normalizeUrl('https://example.org/Post'), 'https://example.org/Post');
  });

  test('keeps the case of the path', () => {
    assert.notEqual(normalizeUrl('https://example.org/Post'), normalizeUrl('https://example.org/post'));
  });

  test('drops default ports but keeps other ports', () => {
    assert.equal(normalizeUrl('http://example.org:80/a'), 'https://example.org/a');
    assert.equal(normalizeUrl('https://example.org:443/a'), 'https://example.org/a');
    assert.equal(normalizeUrl('https://example.org:8443/a'), 'https://example.org:8443/a');
  });

  test('drops a trailing slash, also on the bare host', () => {
    assert.equal(normalizeUrl('https://example.org/blog/'), 'https://example.org/blog');
    assert.equal(normalizeUrl('https://example.org/'), 'https://example.org');
    assert.equal(normalizeUrl('https://example.org'), 'https://example.org');
  });

  test('drops the fragment unless it is a client-side route', () => {
    assert.equal(normalizeUrl('https://example.org/a#section-2'), 'https://example.org/a');
    assert.equal(normalizeUrl('https://example.org/#/dashboard'), 'https://example.org#/dashboard');
    assert.equal(normalizeUrl('https://example.org/#!/x'), 'https://example.org#!/x');
  });

  test('drops tracking parameters and keeps ref', () => {
    assert.equal(
      normalizeUrl('https://example.org/a?utm_source=newsletter&utm_Medium=email&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&id=7'),
      'https://example.org/a?id=7',
    );
    assert.equal(normalizeUrl('https://github.com/o/r/blob/x?ref=main'), 'https://github.com/o/r/blob/x?ref=main');
  });

  test('sorts the remaining query parameters by name and removes an empty query', () => {
    assert.equal(normalizeUrl('https://example.org/s?b=2&a=1'), normalizeUrl('https://example.org/s?a=1&b=2'));
    assert.equal(normalizeUrl('https://example.org/s?'), 'https://example.org/s');
    assert.equal(normalizeUrl('https://example.org/s?utm_campaign=x'), 'https://example.org/s');
  });

  test('reads a URL written without a scheme as https', () => {
    assert.equal(normalizeUrl('www.example.org/event/'), 'https://example.org/event');
    assert.equal(normalizeUrl('example.org/x'), 'https://example.org/x');
  });

  test('returns what is not an http URL trimmed and otherwise unchanged', () => {
    assert.equal(normalizeUrl('  mailto:someone@example.org '), 'mailto:someone@example.org');
    assert.equal(normalizeUrl('not a url'), 'not a url');
  });

  test('compares two spellings of one page as the same', () => {
    assert.ok(sameUrl('http://www.example.org/a/?utm_source=x#top', 'https://example.org/a'));
    assert.ok(!sameUrl('https://example.org/a', 'https://example.org/b'));
  });
});

describe('parseHttpUrl', () => {
  test('parses http and https URLs', () => {
    assert.equal(parseHttpUrl('https://example.org/a?b=1')?.hostname, 'example.org');
    assert.equal(parseHttpUrl(' http://example.org ')?.protocol, 'http:');
  });

  test('rejects other schemes, missing schemes, spaces and empty hosts', () => {
    assert.equal(parseHttpUrl('ftp://example.org/'), undefined);
    assert.equal(parseHttpUrl('www.example.org/x'), undefined);
    assert.equal(parseHttpUrl('https://example.org/a b'), undefined);
    assert.equal(parseHttpUrl('https:///path'), undefined);
    assert.equal(parseHttpUrl('https://exa mple.org'), undefined);
  });
});

test('normalizeUrl reads every form of one YouTube video as the same page', () => {
  const watch = normalizeUrl('https://www.youtube.com/watch?v=abcdEFGH123');
  assert.equal(normalizeUrl('https://youtu.be/abcdEFGH123'), watch);
  assert.equal(normalizeUrl('https://youtu.be/abcdEFGH123?si=XyZ&t=42'), watch);
  assert.equal(normalizeUrl('https://m.youtube.com/watch?feature=share&v=abcdEFGH123'), watch);
  assert.notEqual(normalizeUrl('https://youtu.be/otherVIDEO99'), watch);
  // A playlist is another page than the video alone.
  assert.notEqual(normalizeUrl('https://www.youtube.com/watch?v=abcdEFGH123&list=PL1'), watch);
});

test('normalizeUrl drops only a lone Blogger mobile-view ?m=1', () => {
  assert.equal(normalizeUrl('https://x.blogspot.com/2024/01/a.html?m=1'), normalizeUrl('https://x.blogspot.com/2024/01/a.html'));
  assert.notEqual(normalizeUrl('https://example.org/a?m=1&page=2'), normalizeUrl('https://example.org/a?page=2'));
});
