/** The text of `newsprint --help` and of each command's --help. Exit codes are documented here and in README.md. */

export const EXIT_CODES = `exit codes:
  0  done: no errors (warnings may remain; they are in the report)
  1  content errors: the edition, manuscript, photos or template have errors (or the build stopped)
  2  usage errors: an unknown command or option, an option without its value, a missing argument`;

export const HELP: Readonly<Record<string, string>> = {
  main: `usage: newsprint build <edition-dir> [options]
       newsprint lint <edition-dir> [options]
       newsprint preview <edition-output-dir|file.pdf>
       newsprint verify <archive-dir>
       newsprint <command> --help

Newsprint turns a Chinese newspaper manuscript and its photos into print-ready pages.

commands:
  build <edition-dir>    lay out the edition and write its print PDFs and preflight report
  lint <edition-dir>     check the edition folder, manuscript and template; write nothing
  preview <dir|pdf>      page PNGs and thumbnails of a built edition or a PDF
  verify <archive-dir>   check an archive bag's files against its manifests

Run newsprint <command> --help for a command's options.

${EXIT_CODES}`,

  build: `usage: newsprint build <edition-dir> [options]

Lays out the edition (edition.yaml, its manuscript and photos) with its template and writes
<out>/<edition>/print/*.pdf and preflight.txt. Errors stop the build and name file:line.

options:
  --out <dir>              where the edition's folder goes (default: output)
  --force                  write the pages even when there are errors (exit code is still 1)
  --name-pattern <text>    print file names, e.g. "{edition}-{date}-{page}.pdf" (default "{date}-{page}.pdf")
  --proof-spread           also write facing pages on one sheet, marked not for press, under proof/
  --archive                also write archive/: PDF/A-2u edition, page texts, ALTO, previews (BagIt)
  --cache <out|xdg|none>   where prepared photos are cached (default out: <out>/.cache)
  --verify-ink             measure each page's ink by rendering it with Ghostscript
  --template <name>        lay out with this page template instead of the one edition.yaml names
                           (feature-spread, tabloid, broadsheet-page)
  --templates <dir>        a templates folder (pages/, partials/) instead of the project's
  --watch                  build, then build again whenever the manuscript, edition.yaml,
                           a photo or a template changes; Ctrl-C stops
  --verbose                print every step as a line (a terminal otherwise shows one progress line)
  --debug                  on an unexpected failure, print where it stopped
  -h, --help               this text

${EXIT_CODES}`,

  lint: `usage: newsprint lint <edition-dir> [options]

Checks edition.yaml, the manuscript, the photos and the template without writing any pages,
and lists every problem at once, each with file:line. The layout is set as for a build, so text
that will not fit (overset) and photos too small for their frames are found too.

options:
  --template <name>        check with this page template instead of the one edition.yaml names
  --templates <dir>        a templates folder (pages/, partials/) instead of the project's
  -h, --help               this text

${EXIT_CODES}`,

  preview: `usage: newsprint preview <edition-output-dir|file.pdf>

Page PNGs (about 1,200 px wide) and 150 px thumbnails. From an edition's output folder it renders
archive/data/edition.pdf when there is one, else each print PDF, into <edition-output-dir>/preview/;
a PDF given alone gets them in a preview/ folder beside it.

options:
  -h, --help               this text

${EXIT_CODES}`,

  verify: `usage: newsprint verify <archive-dir>

Checks a BagIt bag written by build --archive: every payload and tag file against
manifest-sha512.txt and tagmanifest-sha512.txt; names each changed, missing or unexpected file.

options:
  -h, --help               this text

exit codes:
  0  the bag is whole
  1  a file is changed, missing or unexpected
  2  usage errors`,
};

export const helpFor = (command: string): string => HELP[command] ?? HELP.main ?? '';
