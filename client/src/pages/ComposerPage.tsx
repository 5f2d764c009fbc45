import type { Brief, RecommendationItem, SourceChange } from '@plenary/shared/api';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { actOnSource, importRecommendations, mergeRecommendations, splitRecommendation } from '../api/briefs';
import { errorMessage } from '../api/errorMessage';
import { ApiRequestError } from '../api/http';
import { type CollaborationSession, useCollaboration } from '../collab/useCollaboration';
import { type DocumentInfoState, useDocumentInfo } from '../collab/useDocumentInfo';
import { AppLink } from '../components/AppLink';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { MessagePage } from '../components/MessagePage';
import { BriefEditorPane } from '../composer/BriefEditorPane';
import {
  briefEntries,
  entriesBySource,
  itemKey,
  type MergeUnit,
  mergeUnits,
  originalsOf,
  prefilledStatement,
} from '../composer/composerModel';
import { goToRecommendation } from '../composer/goToRecommendation';
import { importWithProvenance } from '../composer/importRecommendations';
import { MergeDialog } from '../composer/MergeDialog';
import { type ProvenanceContextValue, ProvenanceProvider } from '../composer/ProvenanceContext';
import { RecommendationPool } from '../composer/RecommendationPool';
import { type ChangeFocusRequest, SourceChangesPanel } from '../composer/SourceChangesPanel';
import { useComposerData } from '../composer/useComposerData';
import '../composer/composer.css';
import { documentPath, workshopPath } from '../lib/router';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';
import { WorkshopHeader } from '../workshop/WorkshopHeader';

/**
 * `/w/:workshopId/briefs/:briefId/compose`: every group's recommendations on one side, the brief's
 * live editor on the other, with import, merge, split and the changes at source. For those who
 * may write briefs (rapporteurs, facilitators).
 */
export default function ComposerPage({ briefId }: { briefId: string }) {
  const { home, may } = useWorkshop();
  const brief = home.briefs.find((candidate) => candidate.id === briefId);
  if (!brief) return <Unavailable title={strings.composer.notFoundTitle} body={strings.composer.notFoundBody} />;
  if (!may('brief.write')) {
    return <Unavailable title={strings.composer.forbiddenTitle} body={strings.composer.forbiddenBody} />;
  }
  return <ComposerSession brief={brief} />;
}

function ComposerSession({ brief }: { brief: Brief }) {
  const { version } = useWorkshop();
  const info = useDocumentInfo(brief.documentId, version);
  const session = useCollaboration(brief.documentId);

  useEffect(() => {
    document.title = `${strings.composer.pageTitle(brief.title)} — ${strings.productName}`;
  }, [brief.title]);

  return (
    <>
      {session === null ? (
        <WorkshopHeader documentTitle={brief.title} />
      ) : (
        <HeaderWithStatus brief={brief} session={session} />
      )}
      <Composer brief={brief} info={info} session={session} />
    </>
  );
}

function HeaderWithStatus({ brief, session }: { brief: Brief; session: CollaborationSession }) {
  const connection = useSyncExternalStore(session.monitor.subscribe, session.monitor.getSnapshot);
  return (
    <WorkshopHeader documentTitle={brief.title}>
      <ConnectionStatus state={connection.state} />
    </WorkshopHeader>
  );
}

/** A message for the person, shown where the composer would be; never an error page for a normal case. */
class ComposerMessage extends Error {}

type AlreadyNotice = { key: string; label: string; recommendationId: string };

function Composer({
  brief,
  info,
  session,
}: {
  brief: Brief;
  info: DocumentInfoState;
  session: CollaborationSession | null;
}) {
  const { home, version } = useWorkshop();
  const workshopId = home.workshop.id;
  const data = useComposerData(workshopId, brief.id, version);
  const { refresh } = data;
  const entries = useMemo(() => briefEntries(data.status), [data.status]);
  const bySource = useMemo(() => entriesBySource(entries), [entries]);
  const sourceCounts = useMemo(
    () => new Map([...entries].map(([id, entry]) => [id, entry.sources.length] as const)),
    [entries],
  );
  const canWrite = info.status === 'ready' ? info.info.canWrite : false;

  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [already, setAlready] = useState<AlreadyNotice[]>([]);
  const [merging, setMerging] = useState<MergeUnit[] | null>(null);
  const [focusRequest, setFocusRequest] = useState<ChangeFocusRequest | null>(null);
  const briefRef = useRef<HTMLElement>(null);
  const mergeOpener = useRef<HTMLElement | null>(null);
  const briefHeadingId = useId();

  const goTo = useCallback((recommendationId: string) => {
    setProblem(goToRecommendation(briefRef.current, recommendationId) ? null : strings.composer.notInEditor);
  }, []);

  /** Goes to a recommendation the server just wrote, once its update has reached this page's editor. */
  const goToWhenShown = useCallback((recommendationId: string) => {
    const deadline = Date.now() + 5000;
    const attempt = () => {
      if (goToRecommendation(briefRef.current, recommendationId) || Date.now() > deadline) return;
      window.setTimeout(attempt, 100);
    };
    attempt();
  }, []);

  /** Runs one change of the brief: busy while it runs, its outcome said out loud, the lists refreshed after. */
  const run = useCallback(
    async (work: () => Promise<string | null>) => {
      setBusy(true);
      setProblem(null);
      try {
        const message = await work();
        if (message) setAnnouncement(message);
      } catch (failure) {
        setProblem(failure instanceof ComposerMessage ? failure.message : errorMessage(failure));
      } finally {
        setBusy(false);
        refresh();
      }
    },
    [refresh],
  );

  const callImport = useCallback(
    (items: readonly RecommendationItem[]) =>
      importWithProvenance(items, (body) => importRecommendations(workshopId, brief.id, body)),
    [workshopId, brief.id],
  );

  const importItems = (items: RecommendationItem[]) => {
    setAlready([]);
    void run(async () => {
      if (items.some((item) => item.id === null)) throw new ComposerMessage(strings.composer.noId);
      const outcome = await callImport(items);
      const done = new Set([...outcome.imported.keys(), ...outcome.already.keys()]);
      setSelection((current) => new Set([...current].filter((key) => !done.has(key))));
      setAlready(
        items.flatMap((item) => {
          const key = itemKey(item);
          const recommendationId = key === null ? undefined : outcome.already.get(key);
          if (key === null || recommendationId === undefined) return [];
          return [{ key, recommendationId, label: strings.composer.itemHeading(item.groupName, item.number) }];
        }),
      );
      return outcome.imported.size > 0 ? strings.composer.imported(outcome.imported.size) : null;
    });
  };

  const openMerge = (items: RecommendationItem[]) => {
    const units = mergeUnits(items, bySource);
    if (units.length < 2) {
      setProblem(strings.composer.mergeNeedsTwo);
      return;
    }
    setProblem(null);
    mergeOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setMerging(units);
  };

  const closeMerge = () => {
    setMerging(null);
    // The dialog is gone on the next frame; the button that opened it takes the focus back.
    requestAnimationFrame(() => mergeOpener.current?.focus());
  };

  const merge = async (units: MergeUnit[], statement: string) => {
    setBusy(true);
    try {
      const fresh = units.flatMap((unit) => (unit.kind === 'new' ? [unit.item] : []));
      const outcome = fresh.length > 0 ? await callImport(fresh) : null;
      const ids = units.map((unit) => {
        if (unit.kind === 'brief') return unit.entry.recommendationId;
        const key = itemKey(unit.item) ?? '';
        return outcome?.imported.get(key) ?? outcome?.already.get(key);
      });
      const distinct = [...new Set(ids.filter((id): id is string => id !== undefined))];
      if (distinct.length < 2) throw new ComposerMessage(strings.composer.mergeNeedsTwo);
      const { recommendationId } = await mergeRecommendations(workshopId, brief.id, {
        recommendationIds: distinct,
        statement,
      });
      setMerging(null);
      setSelection(new Set());
      setAnnouncement(strings.composer.merged);
      goToWhenShown(recommendationId);
    } catch (failure) {
      throw new Error(failure instanceof ComposerMessage ? failure.message : errorMessage(failure));
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const split = useCallback(
    (recommendationId: string) =>
      void run(async () => {
        await splitRecommendation(workshopId, brief.id, recommendationId);
        return strings.composer.splitDone;
      }),
    [run, workshopId, brief.id],
  );

  const actOn = (change: SourceChange, action: 'pull' | 'dismiss') =>
    run(async () => {
      if (change.recommendationId === null) return null;
      try {
        await actOnSource(workshopId, brief.id, {
          recommendationId: change.recommendationId,
          sourceIndex: change.sourceIndex,
          action,
        });
      } catch (failure) {
        if (failure instanceof ApiRequestError && failure.code === 'merged_recommendation') {
          throw new ComposerMessage(strings.composer.mergedPullHint);
        }
        throw failure;
      }
      if (action === 'pull') return strings.composer.pulled;
      return change.status === 'removed' ? strings.composer.keptAfterRemovalDone : strings.composer.kept;
    });

  const provenance = useMemo<ProvenanceContextValue>(
    () => ({
      changes: data.status?.changes ?? [],
      canWrite,
      showChange: (recommendationId, sourceIndex) =>
        setFocusRequest({ recommendationId, sourceIndex, nonce: Date.now() }),
      split,
    }),
    [data.status, canWrite, split],
  );

  const notice = (
    <>
      <p className="composer__announcement" role="status" data-testid="composer-announcement">
        {announcement}
      </p>
      {already.length > 0 && (
        <div className="notice composer-notice" role="status" data-testid="already-in-brief">
          <p className="composer-notice__title">{strings.composer.alreadyHeading}</p>
          <ul className="composer-notice__list">
            {already.map((entry) => (
              <li key={entry.key}>
                {strings.composer.alreadyBody(entry.label)}{' '}
                <button
                  type="button"
                  className="button button--small"
                  data-testid="already-go-to"
                  onClick={() => goTo(entry.recommendationId)}
                >
                  {strings.composer.goToIt}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--small button--quiet" onClick={() => setAlready([])}>
            {strings.composer.dismiss}
          </button>
        </div>
      )}
      {problem !== null && (
        <p className="banner banner--error" role="alert" data-testid="composer-problem">
          {problem}
        </p>
      )}
    </>
  );

  return (
    <ProvenanceProvider value={provenance}>
      <main className="composer" id="main" data-testid="composer">
        <div className="composer__intro">
          <h1 className="composer__title">{strings.composer.pageTitle(brief.title)}</h1>
          <AppLink href={documentPath(workshopId, brief.documentId)} className="composer__alone">
            {strings.composer.openBriefAlone}
          </AppLink>
        </div>
        <div className="composer__panes">
          <RecommendationPool
            items={data.items}
            coverage={data.status?.coverage ?? null}
            bySource={bySource}
            selection={selection}
            onSelectionChange={setSelection}
            onImport={importItems}
            onMerge={openMerge}
            onGoTo={goTo}
            onSplit={split}
            busy={busy || !canWrite}
            notice={notice}
            loadError={data.error === null ? null : errorMessage(data.error)}
          />
          <section className="composer__brief" aria-labelledby={briefHeadingId} ref={briefRef}>
            <h2 id={briefHeadingId} className="composer__pane-title">
              {strings.composer.briefHeading}
            </h2>
            <SourceChangesPanel
              changes={data.status?.changes ?? []}
              sourceCounts={sourceCounts}
              canWrite={canWrite}
              busy={busy}
              focusRequest={focusRequest}
              onPull={(change) => actOn(change, 'pull')}
              onKeep={(change) => actOn(change, 'dismiss')}
              onGoTo={goTo}
            />
            <BriefEditor info={info} session={session} />
          </section>
        </div>
      </main>
      {merging !== null && (
        <MergeDialog
          originals={originalsOf(merging, data.items ?? [], data.status)}
          initialStatement={prefilledStatement(merging)}
          importCount={merging.filter((unit) => unit.kind === 'new').length}
          onMerge={(statement) => merge(merging, statement)}
          onClose={closeMerge}
        />
      )}
    </ProvenanceProvider>
  );
}

function BriefEditor({ info, session }: { info: DocumentInfoState; session: CollaborationSession | null }) {
  if (info.status === 'failed') {
    return (
      <p className="banner banner--error" role="alert" data-testid="document-unavailable">
        {errorMessage(info.error)}
      </p>
    );
  }
  if (info.status === 'loading' || session === null) {
    return (
      <p className="page-loading" role="status">
        {strings.loading}
      </p>
    );
  }
  return <ConnectedBriefEditor info={info.info} session={session} />;
}

function ConnectedBriefEditor({
  info,
  session,
}: {
  info: Extract<DocumentInfoState, { status: 'ready' }>['info'];
  session: CollaborationSession;
}) {
  const connection = useSyncExternalStore(session.monitor.subscribe, session.monitor.getSnapshot);
  return <BriefEditorPane session={session} info={info} connection={connection} />;
}

function Unavailable({ title, body }: { title: string; body: string }) {
  const { home } = useWorkshop();
  return (
    <MessagePage
      testId="composer-unavailable"
      title={title}
      body={<p>{body}</p>}
      actions={
        <AppLink href={workshopPath(home.workshop.id)} className="button">
          {strings.document.home}
        </AppLink>
      }
    />
  );
}
