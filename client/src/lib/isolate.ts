/**
 * A name or title set apart inside a sentence (Unicode first-strong isolate): an English brief
 * title in an Urdu sentence, or an Urdu one in English, keeps its own direction and leaves the
 * sentence's words in their order. Without it the browser's bidi algorithm mixes the two runs.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;
