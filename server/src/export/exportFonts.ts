import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** One woff2 file of a font family, with the characters it covers. */
export interface FontFace {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** CSS unicode-range, as the font package declares it. */
  unicodeRange: string;
  /** Inclusive code point ranges parsed from `unicodeRange`. */
  ranges: Array<[number, number]>;
  base64: string;
  /** Embedded even when no character needs it (the Latin faces every document uses). */
  always: boolean;
}

/** The faces exports may embed, read once from the @fontsource packages and passed to the renderers. */
export interface ExportFonts {
  faces: FontFace[];
}

export const LATIN_FAMILY = 'Noto Sans';
export const URDU_FAMILY = 'Noto Nastaliq Urdu';

interface FaceSpec {
  pkg: string;
  family: string;
  subset: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  always: boolean;
}

// Latin in four cuts; Latin Extended (names with diacritics) in two, only when used; Urdu in
// Nastaliq, regular only (bold is synthesised), only when the document has Arabic-script text.
const FACES: FaceSpec[] = [
  ...(['normal', 'italic'] as const).flatMap((style) =>
    ([400, 700] as const).map((weight) => ({
      pkg: '@fontsource/noto-sans',
      family: LATIN_FAMILY,
      subset: 'latin',
      weight,
      style,
      always: true,
    })),
  ),
  ...([400, 700] as const).map((weight) => ({
    pkg: '@fontsource/noto-sans',
    family: LATIN_FAMILY,
    subset: 'latin-ext',
    weight,
    style: 'normal' as const,
    always: false,
  })),
  {
    pkg: '@fontsource/noto-nastaliq-urdu',
    family: URDU_FAMILY,
    subset: 'arabic',
    weight: 400,
    style: 'normal',
    always: false,
  },
];

/** Reads the font files shipped with the project (no network, no system fonts). */
export async function loadExportFonts(): Promise<ExportFonts> {
  const require = createRequire(import.meta.url);
  const ranges = new Map<string, Record<string, string>>();
  const faces = await Promise.all(
    FACES.map(async (spec) => {
      let unicode = ranges.get(spec.pkg);
      if (!unicode) {
        unicode = JSON.parse(await readFile(require.resolve(`${spec.pkg}/unicode.json`), 'utf8')) as Record<
          string,
          string
        >;
        ranges.set(spec.pkg, unicode);
      }
      const unicodeRange = unicode[spec.subset];
      if (!unicodeRange) throw new Error(`${spec.pkg} has no subset ${spec.subset}`);
      const name = spec.pkg.replace('@fontsource/', '');
      const file = require.resolve(`${spec.pkg}/files/${name}-${spec.subset}-${spec.weight}-${spec.style}.woff2`);
      return {
        family: spec.family,
        weight: spec.weight,
        style: spec.style,
        unicodeRange,
        ranges: parseUnicodeRange(unicodeRange),
        base64: (await readFile(file)).toString('base64'),
        always: spec.always,
      } satisfies FontFace;
    }),
  );
  return { faces };
}

/** "U+0600-06FF,U+200C" → [[0x600, 0x6ff], [0x200c, 0x200c]] */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9A-F?]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!match?.[1]) return [];
    if (match[1].includes('?')) {
      return [[Number.parseInt(match[1].replace(/\?/g, '0'), 16), Number.parseInt(match[1].replace(/\?/g, 'F'), 16)]];
    }
    const low = Number.parseInt(match[1], 16);
    return [[low, match[2] ? Number.parseInt(match[2], 16) : low]];
  });
}

const covers = (face: FontFace, code: number) => face.ranges.some(([low, high]) => code >= low && code <= high);

/**
 * The faces a text needs: the always-embedded ones, plus the others for characters those do not
 * cover (so a stray punctuation mark both ranges share never pulls in the 160 kB Urdu font).
 */
export function facesFor(fonts: ExportFonts, codePoints: ReadonlySet<number>): FontFace[] {
  const base = fonts.faces.filter((face) => face.always);
  const missing = [...codePoints].filter((code) => !base.some((face) => covers(face, code)));
  return fonts.faces.filter((face) => face.always || missing.some((code) => covers(face, code)));
}
