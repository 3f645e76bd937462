/**
 * Small issue texts shared by the edit tests (incremental parse, issue updates): written for the
 * tests, not taken from the corpus.
 */

/** A This Week in Rust issue: a Pelican header, nested sections of list items, a reference link. */
export const TWIR_TEXT = [
  'Title: This Week in Rust 9',
  'Number: 9',
  'Date: 2025-03-05',
  'Category: This Week in Rust',
  '',
  'Hello and welcome to another issue.',
  '',
  '## Updates from the Community',
  '',
  '### Newsletters',
  '',
  '* [A newsletter about things](https://example.com/n1)',
  '* [Another one](https://example.com/n2)',
  '',
  '### Project updates',
  '',
  '* [A project went faster][fast]',
  '* [A project got smaller](https://example.com/p2)',
  '',
  '## Crate of the Week',
  '',
  'This week\'s crate is [thing](https://example.com/crate), a crate for things.',
  '',
  '[fast]: https://example.com/fast',
  '',
].join('\n');
