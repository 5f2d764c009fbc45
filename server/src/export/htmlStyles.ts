import { type FontFace, LATIN_FAMILY, URDU_FAMILY } from './exportFonts';

/** @font-face rules with the fonts inlined as data URLs, so the file needs nothing from anywhere. */
export function fontFaceCss(faces: readonly FontFace[]): string {
  return faces
    .map(
      (face) =>
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
        `font-display:block;src:url(data:font/woff2;base64,${face.base64}) format('woff2');unicode-range:${face.unicodeRange};}`,
    )
    .join('\n');
}

/** Screen and print layout of the exported HTML (and so of the PDF, which Chromium prints from it). */
export const DOCUMENT_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm; }
:root { color: #1b1f24; background: #fff; }
html { font-family: '${LATIN_FAMILY}', '${URDU_FAMILY}', sans-serif; font-size: 10.5pt; line-height: 1.5; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 3rem; }
@media print { body { max-width: none; padding: 0; } }
[dir="rtl"] { font-family: '${URDU_FAMILY}', '${LATIN_FAMILY}', serif; line-height: 2.3; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.4em 0 .5em; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 2.1rem; } h2 { font-size: 1.45rem; } h3 { font-size: 1.15rem; } h4, h5, h6 { font-size: 1rem; }
h2, h3, h4, h5, h6 { color: #16324f; }
p, li { orphans: 3; widows: 3; }
a { color: #1f4e79; }
ul, ol { padding-inline-start: 1.6em; }
li > p { margin: .15em 0; }
blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 3px solid #c5ccd6; color: #37414d; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-family: monospace; font-size: .85rem; background: #f3f5f7; padding: .6em .8em; border-radius: 4px; }
code { font-family: monospace; font-size: .9em; }
hr { border: 0; border-top: 1px solid #c5ccd6; margin: 1.5em 0; }
.title-page { display: flex; flex-direction: column; break-after: page; page-break-after: always; }
/* A cover page on paper; on a screen, the brief starts right under its title. */
@media print { .title-page { min-height: 80vh; justify-content: center; } }
.title-page .kind { text-transform: uppercase; letter-spacing: .08em; font-size: .85rem; color: #4a5563; margin: 0; }
.title-page h1 { margin: .3em 0 .6em; color: #16324f; }
.title-page .workshop { font-size: 1.25rem; margin: 0; }
.title-page .place { margin: .2em 0 1.5em; color: #37414d; }
.title-page .edition { border-inline-start: 4px solid #2f5d8a; padding: .3em .8em; background: #eef3f8; }
.title-page dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 1em 0 0; font-size: .9rem; color: #37414d; }
.title-page dt { font-weight: 700; }
.title-page dd { margin: 0; }
.toc { break-after: page; page-break-after: always; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { padding: .25em 0; border-bottom: 1px dotted #c5ccd6; }
.toc a { color: inherit; text-decoration: none; }
.recommendation { border: 1px solid #c5ccd6; border-inline-start: 4px solid #2f5d8a; border-radius: 4px; padding: .2em 1em .8em; margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.recommendation h3 { margin-top: .6em; }
.recommendation .empty, .none { font-style: italic; color: #5b6673; }
.also-listed { color: #3d4752; border-inline-start: 3px solid #c9d3de; padding-inline-start: .8em; margin: .5em 0 1em; break-inside: avoid; }
.also-listed p { margin: 0; font-style: italic; }
.also-listed ul { margin: .2em 0 0; padding-inline-start: 1.2em; }
table { border-collapse: collapse; width: 100%; }
table.facts { font-size: .88rem; margin-top: .6em; }
/* Ascending specificity, so no rule is silently outranked by an earlier one. */
.annex th, .annex td { text-align: start; vertical-align: top; padding: .35em .6em; border: 1px solid #c5ccd6; }
.facts th { text-align: start; vertical-align: top; width: 10.5rem; font-weight: 700; color: #37414d; padding: .15em .8em .15em 0; }
.facts td { padding: .15em 0; vertical-align: top; }
.annex thead th { background: #eef3f8; }
.facts tr + tr th, .facts tr + tr td { border-top: 1px solid #e3e7ec; }
.facts td[dir="rtl"] { line-height: 1.9; }
.colophon { margin-top: 3em; font-size: .8rem; color: #5b6673; }
/* On paper the title page says when it was made; alone, this line could take a last page. */
@media print { .colophon { display: none; } }
`;
