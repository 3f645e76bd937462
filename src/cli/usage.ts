/** A mistake in how the CLI was called, or a path it cannot read: exit code 2, one line on stderr. */
export class UsageError extends Error {}

export const USAGE = `Usage: newsletter-desk <command> [options]

Commands:
  init [DIR] [--force]
      Infer the newsletter's format from the archive under DIR (default: the current folder)
      and write it to DIR/.newsletter-desk.json (never over an existing one without --force);
      print what was found (issues, header, title template, file names, sections, entries,
      interval, renderer) and how sure it is of each.
  check [paths or globs...] [--format text|json]
      Check issue files (default: the issue files the format's globs name, relative to the
      folder that holds .newsletter-desk.json). Folders are searched for Markdown issue
      files. Exit 0 when no finding is an error, 1 when one is, 2 on bad usage.
      --links         also check every http(s) link over the network (polite: a few requests
                      per host, cached); prints a summary; exit 1 on a broken link too
      --cache         keep the workspace index (each issue's entry and findings, by content
                      hash, version and config) in .newsletter-desk/index-cache.json in the
                      project folder: the next run parses only the files that changed; a
                      damaged or foreign cache is ignored with a note (not used with --fix)
      --cache-location FILE
                      the index cache file instead (implies --cache)
      --link-cache FILE
                      with --links: the link cache (default: .newsletter-desk/link-cache.json);
                      with --links, "--cache FILE" still means this, as before
      --threads N     parse on N worker threads (default: the cores there are; 1: on the
                      main thread alone, no worker)
      --changed-since REF
                      (git) report only findings on lines added or changed since REF, and
                      with --links request only URLs on those lines that were not in the
                      file at REF; exit 2 without git or when REF names no commit
      --fix           apply the safe fixes to the files first (see docs/rules.md), list them,
                      then report what remains
  new [--dir FOLDER]
      Create the next issue file in FOLDER (default: the format's folder, _posts): number =
      highest + 1, dated one interval after the latest issue, from the repository's template
      where the format names one.
      Never overwrites: exit 1 when the file already exists.
  outline [paths or globs...] [--format text|json]
      Print each issue's title, number, date and section tree with its entries (line, URL,
      text): an indented tree (text, the default) or JSON. Same files as check.
  render --format html|text FILE
      Print the issue as a self-contained HTML file (html, the default) or as the plain-text
      email (text, footer from emailFooter in the project config file).

Options:
  --config FILE   project config file (default: the nearest .newsletter-desk.json in the
                  current folder or a folder above it)
  -h, --help      show this help
  -v, --version   show the version`;
