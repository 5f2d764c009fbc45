import {
  type Endorsement,
  extractRecommendations,
  type Position,
  type RecordedNames,
  recordedNames,
  type Stance,
  type StanceTally,
} from '@plenary/shared/domain';
import { AUTHORS_FIELD, ENDORSEMENTS_FIELD, endorsementKey, POSITIONS_FIELD } from '@plenary/shared/protocol';
import type * as Y from 'yjs';

/** Everyone's endorsements and positions on one recommendation. */
export interface RecommendationReactions {
  endorsements: Endorsement[];
  positions: Position[];
  tallyByAudience: Record<string, StanceTally>;
}

/** What a participant records as their organisation's position. */
export interface PositionInput {
  organisation: string;
  audience: string | null;
  stance: Stance;
  reason: string;
}

export const MAX_ORGANISATION_LENGTH = 120;
export const MAX_REASON_LENGTH = 200;

const NONE: RecommendationReactions = { endorsements: [], positions: [], tallyByAudience: {} };

/**
 * Endorsements and positions live in two maps of the draft's own Y.Doc, so they sync, survive
 * and work offline like the text. This store reads them per recommendation (cached, so React
 * sees a stable value until something of that recommendation changes) and writes only the
 * signed-in participant's own entries — the only ones the server accepts from them.
 */
export class ReactionsStore {
  private readonly endorsements: Y.Map<unknown>;
  private readonly positions: Y.Map<unknown>;
  private readonly authors: Y.Map<unknown>;
  /** Read once per change of the authors map, not once per card. */
  private names: RecordedNames;
  private readonly cache = new Map<string, RecommendationReactions>();
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.endorsements = doc.getMap(ENDORSEMENTS_FIELD);
    this.positions = doc.getMap(POSITIONS_FIELD);
    this.authors = doc.getMap(AUTHORS_FIELD);
    this.names = recordedNames(this.authors.entries());
    // Observed for the doc's whole life (the observers go when the session destroys the doc),
    // so the cache is always current and React gets the same object until something changes.
    this.endorsements.observe(this.onChange);
    this.positions.observe(this.onChange);
    // The names shown are those the server recorded (authors): a change there can change any card.
    this.authors.observe(this.onAuthorsChange);
  }

  /** The reactions to the recommendation `id` (the same object until one of them changes). */
  get(id: string | null): RecommendationReactions {
    if (id === null) return NONE;
    let reactions = this.cache.get(id);
    if (!reactions) {
      reactions = this.read(id);
      this.cache.set(id, reactions);
    }
    return reactions;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Adds or withdraws the participant's endorsement. */
  setEndorsed(id: string, participant: { id: string; name: string }, endorsed: boolean): void {
    const key = endorsementKey(id, participant.id);
    if (endorsed) this.endorsements.set(key, { name: participant.name.slice(0, 60) });
    else this.endorsements.delete(key);
  }

  /** Records (or replaces) the participant's position; `null` withdraws it. */
  setPosition(id: string, participant: { id: string; name: string }, position: PositionInput | null): void {
    const key = endorsementKey(id, participant.id);
    if (position === null) {
      this.positions.delete(key);
      return;
    }
    this.positions.set(key, {
      name: participant.name.slice(0, 60),
      organisation: oneLine(position.organisation).slice(0, MAX_ORGANISATION_LENGTH),
      audience: position.audience,
      stance: position.stance,
      reason: oneLine(position.reason).slice(0, MAX_REASON_LENGTH),
    });
  }

  private onAuthorsChange = () => {
    this.names = recordedNames(this.authors.entries());
    this.cache.clear();
    for (const listener of [...this.listeners]) listener();
  };

  private onChange = (event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) {
      const slash = key.indexOf('/');
      if (slash > 0) this.cache.delete(key.slice(0, slash));
    }
    for (const listener of [...this.listeners]) listener();
  };

  private read(id: string): RecommendationReactions {
    const prefix = `${id}/`;
    const own = (map: Y.Map<unknown>) => [...map.entries()].filter(([key]) => key.startsWith(prefix));
    // The shared extractor is the one reader of these maps (it drops malformed entries and
    // tallies by audience); handing it a lone block makes the card agree with the server's list.
    const [found] = extractRecommendations(
      { type: 'doc', content: [{ type: 'recommendation', attrs: { id } }] },
      {
        endorsements: own(this.endorsements),
        positions: own(this.positions),
        names: this.names,
      },
    );
    if (!found) return NONE;
    return { endorsements: found.endorsements, positions: found.positions, tallyByAudience: found.tallyByAudience };
  }
}

/** Positions are one line: line breaks from a paste become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
