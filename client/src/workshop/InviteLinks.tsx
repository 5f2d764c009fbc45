import type { Invite } from '@plenary/shared/api';
import type { Role } from '@plenary/shared/domain';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { createInvite, listInvites } from '../api/invites';
import { focusedElement, returnFocus } from '../components/returnFocus';
import { strings } from '../lib/strings';
import { InviteLinkCard } from './InviteLinkCard';
import { useWorkshop } from './WorkshopContext';

/** One kind of link the facilitator hands out: a group's members, the rapporteurs, the readers. */
interface Audience {
  key: string;
  role: Role;
  groupId: string | null;
  who: string;
  hint?: string;
}

/** Per group and per role: create, copy, show as QR code, revoke and re-issue invite links. */
export function InviteLinks() {
  const { home, version } = useWorkshop();
  const { workshop, groups } = home;
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);

  useEffect(() => {
    let current = true;
    // `version` and `reloads` re-run this after any change (a group added, a link revoked here).
    void version;
    void reloads;
    listInvites(workshop.id).then(
      (list) => {
        if (!current) return;
        setInvites(list);
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(errorMessage(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [workshop.id, version, reloads]);

  const audiences: Audience[] = [
    ...groups.map((group) => ({
      key: `member:${group.id}`,
      role: 'member' as const,
      groupId: group.id,
      who: strings.invites.members(group.name),
    })),
    { key: 'rapporteur', role: 'rapporteur', groupId: null, who: strings.invites.rapporteurs },
    { key: 'reader', role: 'reader', groupId: null, who: strings.invites.readers },
    {
      key: 'facilitator',
      role: 'facilitator',
      groupId: null,
      who: strings.invites.facilitators,
      hint: strings.invites.facilitatorsHint,
    },
  ];

  return (
    <section className="card" aria-labelledby="invites-heading" data-testid="invite-links">
      <h3 id="invites-heading" className="card__title">
        {strings.invites.heading}
      </h3>
      <p className="muted">{strings.invites.intro}</p>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {invites !== null && (
        <ul className="invite-list">
          {audiences.map((audience) => (
            <InviteRow
              key={audience.key}
              workshopId={workshop.id}
              audience={audience}
              invites={invites.filter((i) => i.role === audience.role && i.groupId === audience.groupId)}
              onChanged={reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface InviteRowProps {
  workshopId: string;
  audience: Audience;
  invites: Invite[];
  onChanged: () => void;
}

function InviteRow({ workshopId, audience, invites, onChanged }: InviteRowProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rowRef = useRef<HTMLLIElement>(null);
  const active = invites.filter((invite) => !invite.revoked);
  const revokedCount = invites.length - active.length;
  /** The Copy button of a link in this row other than `notInvite` (the one just revoked or replaced). */
  const copyButton = (notInvite?: string) =>
    rowRef.current?.querySelector(
      `[data-testid=invite-card]${notInvite ? `:not([data-invite-id="${CSS.escape(notInvite)}"])` : ''} [data-testid=invite-copy]`,
    ) ?? null;
  /** Once a link is re-issued or revoked: the new link's Copy button, or Create when none is left. */
  const focusAfterChange = (inviteId: string) =>
    copyButton(inviteId) ?? rowRef.current?.querySelector('[data-testid=invite-create]') ?? null;

  const create = async () => {
    const opener = focusedElement();
    setBusy(true);
    setError(null);
    try {
      await createInvite(workshopId, { role: audience.role, groupId: audience.groupId });
      onChanged();
      // The new link replaces this button once the list is fetched again: its Copy takes the focus.
      returnFocus(opener, () => copyButton(), { openerGoes: true });
    } catch (failure) {
      setError(errorMessage(failure));
      returnFocus(opener);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li ref={rowRef} className="invite-row" data-testid="invite-row" data-role={audience.role} data-who={audience.who}>
      <div className="invite-row__head">
        <h4 className="invite-row__title">{audience.who}</h4>
        {audience.hint !== undefined && <p className="muted invite-row__hint">{audience.hint}</p>}
      </div>
      {active.length === 0 ? (
        <div className="invite-row__empty">
          <span className="muted">{strings.invites.none}</span>
          <button
            type="button"
            className="button button--small"
            onClick={create}
            disabled={busy}
            data-testid="invite-create"
          >
            {strings.invites.create}
          </button>
        </div>
      ) : (
        active.map((invite) => (
          <InviteLinkCard
            key={invite.id}
            workshopId={workshopId}
            invite={invite}
            who={audience.who}
            onChanged={onChanged}
            focusAfterChange={focusAfterChange}
          />
        ))
      )}
      {revokedCount > 0 && <p className="muted invite-row__revoked">{strings.invites.revokedCount(revokedCount)}</p>}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
