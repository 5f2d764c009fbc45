import type { Priority, RecommendationStatus, Role, Stance, Timeframe } from '@plenary/shared/domain';
import { isolate } from './isolate';

/**
 * Every user-facing string of the client, in English: the source of truth for the keys and the
 * type every other language fills (`strings.ur.ts`). Components read the active language through
 * `strings` below, so they never name a language.
 */
export const english = {
  productName: 'Plenary',
  tagline: 'Breakout groups write their recommendations together, live.',
  skipToContent: 'Skip to content',

  landing: {
    title: 'Open your invite link',
    intro:
      'Plenary has no accounts. The facilitator of your workshop gives each breakout group, the rapporteurs and the readers their own invite link — open yours, type the name others should see, and you are in.',
    howHeading: 'How it works',
    steps: [
      'Open the invite link you received (by message, e-mail, or the QR code on the projector).',
      'Type your name. No password, no account.',
      'You land in your group’s draft and write with the others, live — also when the Wi-Fi drops.',
    ],
    operatorHeading: 'Running the server?',
    operatorBody:
      'The first start of a new data folder prints an operator link in the console; open it to create workshops. If it is lost, this command prints a new one:',
    operatorCommand: 'npm run operator-link',
  },

  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    home: 'Go to the start page',
  },

  loading: 'Loading…',
  retry: 'Try again',
  unreachable: {
    title: 'The server cannot be reached',
    body: 'Check your connection, then try again. Drafts you opened before on this device are still here.',
  },

  signedOut: {
    title: 'You are not signed in',
    body: 'Open the invite link you were given to join your workshop. If your link stopped working, ask the facilitator for a new one.',
  },

  sessionEnded: {
    revokedTitle: 'Your link was revoked',
    revokedBody:
      'The facilitator revoked the invite link you joined with, so this device is signed out. Ask the facilitator for a new link.',
    groupDeletedTitle: 'Your group was deleted',
    groupDeletedBody:
      'The facilitator deleted the working group you joined, so this device is signed out. Ask the facilitator for a link to another group.',
    expiredTitle: 'Your session has ended',
    expiredBody:
      'Open your invite link again to continue. If it does not work any more, ask the facilitator for a new one.',
    home: 'Go to the start page',
    unsentKept: (drafts: number, newLink: boolean) =>
      `${drafts === 1 ? 'One draft holds' : `${drafts} drafts hold`} changes you made on this device that had not ` +
      'reached the server. They are still kept here: ' +
      (newLink
        ? 'join again on this device with the new link the facilitator gives you, '
        : 'open your invite link again on this device, ') +
      'open the draft, and they are sent.',
    unsentOrphaned: (drafts: number) =>
      `${drafts === 1 ? 'One draft holds' : `${drafts} drafts hold`} changes you made on this device that never ` +
      'reached the server, and cannot any more. Download the text this device kept to save them.',
    downloadKept: 'Download the text kept on this device',
    downloadingKept: 'Reading the copy on this device…',
    downloadKeptFailed: 'The copy on this device could not be read.',
    keptFileName: 'plenary-unsent-words.txt',
  },

  join: {
    title: 'Join the workshop',
    loading: 'Checking your invite link…',
    invitedTo: (workshop: string) => `You are invited to “${workshop}”`,
    operatorInvite: 'This is the operator link: it can create and run every workshop on this server.',
    asRole: (role: string) => `You join as ${role}.`,
    asMember: (group: string) => `You join as a member of ${group}.`,
    nameLabel: 'Your name',
    nameHint: 'Others see it next to your cursor and in the list of who is here.',
    readerNameHint: 'As a reader you read what the workshop publishes: your name is not shown next to any text.',
    submit: 'Join',
    joining: 'Joining…',
    alreadySignedIn: (name: string) =>
      `You are signed in on this device as ${name}. Joining with this link signs you in as someone new.`,
    invalidTitle: 'This invite link does not work',
    invalidBody: 'It may have been revoked or mistyped. Ask the facilitator for a new link.',
    rateLimited: 'Too many attempts from this network. Wait a minute, then try again.',
  },

  roleTitle: {
    facilitator: 'Facilitator',
    rapporteur: 'Rapporteur',
    member: 'Member',
    reader: 'Reader',
  } satisfies Record<Role, string>,
  roleAsArticle: {
    facilitator: 'a facilitator',
    rapporteur: 'a rapporteur',
    member: 'a group member',
    reader: 'a reader',
  } satisfies Record<Role, string>,
  operatorRole: 'Operator',
  memberOf: (group: string) => `Member · ${group}`,

  account: {
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    unsentOnSignOut: (drafts: number) =>
      `${drafts === 1 ? 'One draft holds' : `${drafts} drafts hold`} changes you made on this device that have not ` +
      'reached the server yet. Signing out deletes them from this device, and they will be lost.',
    signOutAnyway: 'Sign out and delete them',
    staySignedIn: 'Stay signed in',
    changeNameSuffix: '(you): change your name',
  },

  displayName: {
    title: 'Change your name',
    intro: 'Others see it next to your cursor and in the list of who is here.',
    label: 'Your name',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Please enter a name.',
    tooLong: (max: number) => `Please use at most ${max} characters.`,
  },

  header: {
    workshop: 'Workshop',
    breakout: (label: string) => `${label}: time left`,
    timeUp: 'Time is up',
  },

  workshops: {
    title: 'Workshops',
    intro: 'Create a workshop, then add its breakout groups and share the invite links.',
    empty: 'No workshops yet.',
    open: 'Open',
    newHeading: 'New workshop',
    create: 'Create workshop',
    creating: 'Creating…',
  },

  workshopForm: {
    title: 'Title',
    venue: 'Venue',
    startsOn: 'First day',
    endsOn: 'Last day',
    audiences: 'Audiences',
    audiencesHint:
      'Each group writes for one of these audiences; the brief is grouped by them. A group whose audience you remove or rename loses that focus.',
    audience: (n: number) => `Audience ${n}`,
    removeAudience: (name: string) => `Remove audience ${name}`,
    addAudience: 'Add audience',
    save: 'Save changes',
    saving: 'Saving…',
    saved: 'Saved.',
    titleRequired: 'Please give the workshop a title.',
    audienceRequired: 'Keep at least one audience.',
    audienceTwice: (name: string) => `“${name}” is in the list twice: keep one.`,
    datesOrder: 'The last day cannot be before the first day.',
  },

  home: {
    groupsHeading: 'Working groups',
    noGroups: 'No groups yet.',
    noGroupsFacilitator: 'No groups yet — add the first one under “Set up”.',
    focus: (audience: string) => `For ${audience}`,
    yourGroup: 'Your group',
    readOnly: 'Read only',
    locked: 'Locked',
    openDraft: 'Open draft',
    readDraft: 'Read draft',
    briefsHeading: 'Briefs',
    noBriefs: 'No briefs yet.',
    openBrief: 'Open brief',
    readerEmpty: 'Published briefs will appear here.',
    readerIntro: 'You can read the briefs once the rapporteurs publish them.',
    dashboard: 'Open the dashboard',
    setupHeading: 'Set up',
    settingsHeading: 'Workshop details',
    groupSettingsHeading: 'Groups',
    groupSettingsHint:
      'Rename a group or change the audience it writes for. Its draft, members and links stay as they are.',
    deleteGroup: 'Delete',
    confirmDeleteGroup: (name: string) =>
      `Delete ${isolate(name)}? Its draft closes for everyone and its member link stops working. Recommendations already in a brief stay there, marked as removed at source.`,
    confirmDeleteGroupButton: 'Delete group',
    addGroupHeading: 'Add a group',
    groupName: 'Group name',
    groupPlaceholder: (n: number, audience: string) => (audience ? `Group ${n} — ${audience}` : `Group ${n}`),
    groupNameRequired: 'Please give the group a name.',
    focusAudience: 'Focus audience',
    noFocus: 'No particular audience',
    addGroup: 'Add group',
    adding: 'Adding…',
    addBriefHeading: 'Start a brief',
    briefTitle: 'Brief title',
    addBrief: 'Create brief',
    briefTitleRequired: 'Please give the brief a title.',
    renameBrief: 'Rename',
    renameBriefLabel: (title: string) => `New title for ${isolate(title)}`,
    renameBriefHint: 'The brief’s opening heading changes with it while it still reads the old title.',
    saveBriefTitle: 'Save title',
    cancelRename: 'Cancel',
    deleteBrief: 'Delete',
    confirmDeleteBrief: (title: string) =>
      `Delete ${isolate(title)}? It closes for everyone who has it open, and it cannot be brought back here. The groups’ drafts are not touched.`,
    confirmDeleteBriefButton: 'Delete brief',
    briefDeleted: (title: string) => `${isolate(title)} was deleted.`,
    renameBriefNamed: (title: string) => `Rename: ${isolate(title)}`,
    deleteBriefNamed: (title: string) => `Delete: ${isolate(title)}`,
  },

  invites: {
    heading: 'Invite links',
    intro:
      'Share one link per group with its members, one with the rapporteurs and one with readers. Anyone with a link can join with that role; revoke a link to sign out everyone who used it.',
    members: (group: string) => `Members of ${group}`,
    rapporteurs: 'Rapporteurs',
    readers: 'Readers',
    facilitators: 'Co-facilitators',
    facilitatorsHint: 'Full control of this workshop — share only with co-organisers.',
    none: 'No active link.',
    create: 'Create link',
    linkLabel: (who: string) => `Invite link for ${who}`,
    copy: 'Copy',
    copied: 'Link copied.',
    copyFailed: 'Could not copy — select the link and copy it by hand.',
    showQr: 'QR code',
    hideQr: 'Hide QR code',
    qrLabel: (who: string) => `QR code of the invite link for ${who}`,
    projector: 'Show on projector',
    revoke: 'Revoke',
    reissue: 'Re-issue',
    confirmRevoke: 'Revoke this link? It stops working and everyone who joined with it is signed out.',
    confirmReissue:
      'Re-issue this link? The old link stops working and everyone who joined with it is signed out; a new link replaces it.',
    confirmRevokeButton: 'Revoke link',
    confirmReissueButton: 'Re-issue link',
    cancel: 'Cancel',
    revokedCount: (n: number) => (n === 1 ? '1 earlier link revoked' : `${n} earlier links revoked`),
    projectorTitle: (who: string) => `Join as ${who}`,
    projectorHint: 'Scan the code with your phone’s camera, or type the address.',
    close: 'Close',
  },

  dashboard: {
    briefsHeading: 'Briefs',
    changedAtSource: (count: number) =>
      count === 0
        ? 'No imported recommendation changed at source'
        : count === 1
          ? '1 imported recommendation changed at source'
          : `${count} imported recommendations changed at source`,
    title: 'Dashboard',
    backHome: 'Workshop home',
    groupsHeading: 'Groups',
    noGroups: 'No groups yet.',
    online: 'Online now',
    nobodyOnline: 'Nobody online',
    noMemberOnline: 'No group member online',
    /** Before the names of people looking in on a group's draft who are not its members. */
    alsoHere: 'Also looking in:',
    visitorUnknown: 'not signed in',
    onlineCount: (n: number) => (n === 1 ? '1 person online' : `${n} people online`),
    words: 'Words',
    recommendations: 'Recommendations',
    lastActivity: 'Last activity',
    noActivity: 'No edits yet',
    locked: 'Locked',
    open: 'Open for editing',
    lock: 'Lock draft',
    unlock: 'Unlock draft',
    lockLabel: (group: string) => `Lock draft: ${group}`,
    unlockLabel: (group: string) => `Unlock draft: ${group}`,
    openDraft: 'Open draft',
    updatedLive: 'Updates live.',
    timerHeading: 'Breakout countdown',
    timerNone: 'No countdown running.',
    timerMinutes: 'Minutes',
    timerLabel: 'Label',
    timerDefaultLabel: 'Breakout',
    timerStart: 'Start countdown',
    timerRestart: 'Restart countdown',
    timerStop: 'Stop countdown',
    timerRestartConfirm: 'Restart for everyone',
    timerStopConfirm: 'Stop for everyone',
    timerKeep: 'Keep it running',
    timerRestartQuestion: (label: string, left: string, minutes: number) =>
      `“${isolate(label)}” still has ${left} to go on everyone’s screen. Start it again at ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}?`,
    timerStopQuestion: (label: string, left: string) =>
      `“${isolate(label)}” still has ${left} to go on everyone’s screen. Stop it for everyone?`,
    timerMinutesInvalid: 'Enter a number of minutes between 1 and 1440.',
    projector: 'Show on the projector',
    projectorRecommendations: (n: number) => (n === 1 ? 'recommendation' : 'recommendations'),
    projectorWords: (n: number) => (n === 1 ? 'word' : 'words'),
    projectorLastEdit: (when: string) => `Last edit ${when}`,
  },

  document: {
    titlePrefix: 'Draft',
    invalidTitle: 'This document link is not valid',
    invalidBody: 'Check the link you were given, or go back to the workshop.',
    notFoundTitle: 'This document is not in your workshop',
    forbiddenTitle: 'Your role cannot open this document',
    forbiddenBody: 'Readers see the briefs once they are published.',
    editorLabel: 'Draft text',
    readOnlyEditorLabel: 'Draft text (read-only)',
    loading: 'Loading the draft…',
    home: 'Back to the workshop',
    drafts: 'Group drafts',
    readingOtherGroup: (group: string) => `You are reading the draft of ${group} (read-only).`,
    locked: 'This draft is locked by the facilitator. You can read it but not change it.',
    readOnly: 'You can read this document but not change it.',
    offlineInfo: 'Offline: showing what this device last saw.',
  },

  status: {
    connecting: 'Connecting…',
    connected: 'Connected',
    saving: 'Saving…',
    unsaved: 'Some changes have not reached the server — they are kept on this device',
    offline: 'Offline — changes kept on this device',
    'offline-storing': 'Offline — keeping changes on this device…',
    saved: 'All changes saved',
    'locked-unsent': 'Locked — your changes are kept on this device and will be sent when the draft is unlocked',
  },

  closeReasons: {
    unauthorized: 'You are signed out: your session ended or your link was revoked. Open your invite link again.',
    noAccess: 'You don’t have access to this draft. Ask the facilitator, then reload the page.',
    invalidLink: 'This document link is not valid. Check the link you were given.',
    documentGone:
      'This document was deleted, or the link is wrong. The workshop’s home lists the drafts and briefs there are.',
    tooLarge:
      'A change was too large to save. It is kept on this device; undo it or split it into smaller pieces, then reload the page.',
    generic: 'The server closed the connection. Your changes are kept on this device; reload the page to try again.',
  },

  presence: {
    heading: 'Who is here',
    you: '(you)',
    joined: (name: string) => `${name} joined`,
    left: (name: string) => `${name} left`,
    renamed: (before: string, after: string) => `${before} is now called ${after}`,
    anonymous: 'Someone',
  },

  time: {
    justNow: 'just now',
  },

  toolbar: {
    label: 'Formatting',
    // Starts with what the button shows ("H1"), so speech input can say what it sees.
    heading: (level: number) => `H${level}, Heading ${level}`,
    bold: 'Bold',
    italic: 'Italic',
    bulletList: 'Bullet list',
    orderedList: 'Numbered list',
    blockquote: 'Quote',
    link: 'Link',
    undo: 'Undo',
    redo: 'Redo',
    recommendation: 'Recommendation',
    insertRecommendation: 'Insert recommendation',
  },

  slashMenu: {
    label: 'Insert a block',
    recommendation: 'Recommendation',
    recommendationHint: 'Statement with audience, priority, responsible body',
    heading: (level: number) => `Heading ${level}`,
    bulletList: 'Bullet list',
    orderedList: 'Numbered list',
    keyboardHint: '↑↓ to choose · Enter to insert · Esc to close',
  },

  recommendation: {
    heading: (n: number | null) => (n === null ? 'Recommendation' : `Recommendation ${n}`),
    statusLabel: 'Status',
    statuses: {
      draft: 'Draft',
      agreed: 'Agreed',
      contested: 'Contested',
    } satisfies Record<RecommendationStatus, string>,
    priorities: { high: 'High', medium: 'Medium', low: 'Low' } satisfies Record<Priority, string>,
    timeframes: {
      immediate: 'Immediate',
      within_6_months: 'Within 6 months',
      within_1_2_years: 'Within 1–2 years',
      long_term: 'Long term',
    } satisfies Record<Timeframe, string>,
    stances: {
      supports: 'Supports',
      reservations: 'Has reservations',
      opposes: 'Opposes',
    } satisfies Record<Stance, string>,
    fields: {
      audiences: 'Audiences',
      priority: 'Priority',
      responsibleBody: 'Responsible body',
      timeframe: 'Timeframe',
      legalReference: 'Legal or policy reference',
      status: 'Status',
    },
    chipLabels: {
      audiences: 'For',
      priority: 'Priority',
      responsibleBody: 'Responsible',
      timeframe: 'Timeframe',
      legalReference: 'Reference',
    },
    detailsList: (n: number | null) => `Details of ${n === null ? 'this recommendation' : `recommendation ${n}`}`,
    notSet: 'not set',
    fieldOvertaken: 'Someone else is changing this field as you type. The last change stays.',
    fieldNow: (theirs: string) => `It now reads ${isolate(`“${theirs}”`)}.`,
    fieldReplaced: (mine: string) => `Your text ${isolate(`“${mine}”`)} was replaced by a later change.`,
    putMineBack: 'Put mine back',
    emptyStatement: 'No statement yet — type the recommendation here.',
    editDetails: 'Edit details',
    viewDetails: 'Details',
    editShortcutHint: 'Alt+Enter in the statement',
    outOfPlace: (n: number | null) =>
      `The brief prints this as ${n === null ? 'a recommendation' : `Recommendation ${n}`}, by its audience and priority, but here it sits elsewhere among the others.`,
    moveToPlace: 'Move it to its place',
    deleteRecommendation: 'Delete recommendation',
    deleteQuestion: (n: number | null) =>
      `Delete ${n === null ? 'this recommendation' : `Recommendation ${n}`} for everyone, with its details? Undo (in the toolbar, or Ctrl+Z) brings it back.`,
    deleteConfirm: 'Delete',
    deleteKeep: 'Keep it',
    detailsTitle: (n: number | null) => `${n === null ? 'Recommendation' : `Recommendation ${n}`}: details`,
    detailsIntro: 'Changes are saved as you make them; everyone in this document sees them at once.',
    detailsReadOnly: 'You can read these details but not change them.',
    noAudiences: 'This workshop has no audiences yet.',
    notSetOption: 'Not set',
    responsibleBodyHint: 'For example FIA, Ministry of Interior, provincial assemblies.',
    legalReferenceHint: 'For example Prevention of Trafficking in Persons Act, 2018.',
    done: 'Done',
    close: 'Close',
    gone: 'This recommendation was removed.',
    endorse: 'Endorse',
    endorsed: 'Endorsed',
    endorsements: (n: number) => (n === 1 ? 'endorsement' : 'endorsements'),
    endorsedBy: (names: string) => `Endorsed by ${names}`,
    noEndorsements: 'No endorsements yet.',
    someone: 'someone',
    positions: 'Positions',
    noPositions: 'No positions recorded yet.',
    noAudience: 'Audience not given',
    tally: (count: number, stance: Stance) =>
      `${count} ${stance === 'supports' ? 'support' : stance === 'opposes' ? 'oppose' : 'with reservations'}`,
    showPositions: (n: number) => (n === 1 ? 'See the position' : `See all ${n} positions`),
    positionBy: (name: string) => `— ${name}`,
    recordPosition: 'Record your position',
    changePosition: 'Change your position',
    positionTitle: (n: number | null) =>
      `Your position on ${n === null ? 'this recommendation' : `recommendation ${n}`}`,
    positionIntro: 'Record where your organisation stands. Everyone sees it on the card.',
    organisation: 'Organisation',
    organisationHint: 'For example FIA Lahore zone, Punjab Judicial Academy, an NGO.',
    audience: 'Your audience',
    audienceNone: 'Not given',
    stance: 'Position',
    reason: 'Reason (one line)',
    savePosition: 'Save position',
    withdrawPosition: 'Withdraw position',
    cancel: 'Cancel',
    organisationRequired: 'Please name your organisation.',
    stanceRequired: 'Please choose a position.',
    reactionsLocked: 'The draft is locked: endorsements and positions are closed.',
  },

  linkForm: {
    label: 'Link address',
    placeholder: 'https://example.org',
    apply: 'Apply',
    remove: 'Remove link',
    cancel: 'Cancel',
    invalid: 'Only http, https and mailto links are allowed.',
    empty: 'Enter a link address.',
  },

  errors: {
    generic: 'Something went wrong. Please try again.',
    network: 'The server could not be reached. Check your connection and try again.',
  },

  composer: {
    pageTitle: (brief: string) => `Compose: ${brief}`,
    composeLink: 'Compose from the groups’ recommendations',
    openBriefAlone: 'Open the brief on its own',
    forbiddenTitle: 'Only rapporteurs and facilitators compose briefs',
    forbiddenBody: 'Ask the facilitator for a rapporteur link if you should consolidate the groups’ work.',
    notFoundTitle: 'This brief does not exist',
    notFoundBody: 'It may have been removed. The workshop’s home lists its briefs.',
    poolHeading: 'Recommendations from the groups',
    briefHeading: 'The brief',
    coverage: (used: number, total: number) =>
      `${used} of ${total} ${total === 1 ? 'recommendation' : 'recommendations'} used`,
    loadingList: 'Loading the groups’ recommendations…',
    refreshFailed: 'The list could not be refreshed; it shows the last answer and keeps trying.',
    filtersLabel: 'Filter recommendations',
    group: 'Group',
    anyGroup: 'All groups',
    audience: 'Audience',
    anyAudience: 'All audiences',
    priority: 'Priority',
    anyPriority: 'Any priority',
    status: 'Status',
    anyStatus: 'Any status',
    inBrief: 'In the brief',
    inBriefAny: 'All',
    inBriefYes: 'In the brief',
    inBriefNo: 'Not yet',
    text: 'Search',
    textHint: 'Words of the statement, responsible body or legal reference',
    clearFilters: 'Clear filters',
    showing: (shown: number, total: number) => `Showing ${shown} of ${total}`,
    noRecommendations: 'No group has written a recommendation yet.',
    noMatches: 'No recommendation matches these filters.',
    itemHeading: (group: string, n: number) => `${group} · Recommendation ${n}`,
    details: 'Details',
    inTheBrief: 'In the brief',
    notYet: 'Not yet',
    emptyStatement: 'No statement yet',
    endorsements: (n: number) => (n === 1 ? '1 endorsement' : `${n} endorsements`),
    stances: (supports: number, reservations: number, opposes: number) =>
      `${supports} support · ${reservations} with reservations · ${opposes} oppose`,
    noPositions: 'no positions',
    selected: (n: number) => `${n} selected`,
    importSelected: 'Import selected',
    mergeSelected: 'Merge selected',
    clearSelection: 'Clear selection',
    selectShownNotInBrief: (n: number) => `Select the ${n} shown not yet in the brief`,
    importOne: 'Import',
    goToIt: 'Go to it',
    split: 'Split',
    splitLabel: (groups: string) => `Split the recommendation merged from ${groups}`,
    mergedFrom: (groups: string) => `Merged from ${groups}`,
    mergedFromPrefix: 'Merged from ',
    listSeparator: ', ',
    imported: (n: number) =>
      n === 1 ? 'Imported 1 recommendation into the brief.' : `Imported ${n} recommendations into the brief.`,
    alreadyHeading: 'Already in the brief',
    alreadyBody: (what: string) => `${what} is already in the brief — go to it instead of importing it again.`,
    dismiss: 'Dismiss',
    noId: 'This recommendation is still being saved by its group. Try again in a moment.',
    mergeNeedsTwo: 'Select recommendations that are not already one: at least two are needed for a merge.',
    merged: 'Merged. The new recommendation keeps every group as a source.',
    splitDone: 'Split back into the original recommendations.',
    notInEditor: 'The brief has not shown this recommendation yet; try again in a moment.',
    mergeTitle: 'Merge recommendations',
    mergeIntro:
      'Write one recommendation that covers these. Every group stays named as a source, with its own wording, endorsements and positions. The merged one keeps every audience, responsible body and reference, the highest priority and the soonest timeframe; it is agreed only if every original was.',
    originalsHeading: 'The originals',
    original: (group: string) => `Original from ${group}`,
    sourceRemovedShort: 'source removed',
    mergedWording: 'Merged wording',
    mergedWordingHint: 'A blank line starts a new paragraph.',
    wordingRequired: 'Write the merged recommendation.',
    importFirst: (n: number) =>
      n === 1
        ? '1 of them is not in the brief yet: it is imported first.'
        : `${n} of them are not in the brief yet: they are imported first.`,
    merge: 'Merge',
    merging: 'Merging…',
    cancel: 'Cancel',
    changesHeading: 'Changes at source',
    noImportsYet:
      'Nothing imported yet. When a group changes a recommendation after it is imported, the change shows here.',
    noChanges: 'Nothing left to review: every change the groups made since the import has been pulled or kept.',
    changedCount: (n: number) => (n === 1 ? '1 changed' : `${n} changed`),
    sourceChanged: 'Source changed',
    sourceRemoved: 'Source removed',
    keepAfterRemoval: 'Keep it in the brief',
    keptAfterRemovalDone: 'Kept in the brief; its removal is no longer listed.',
    sourceUnavailable: 'Source not available',
    changedSummary: (group: string, what: string) => `${group} changed “${what}”`,
    removedSummary: (group: string, what: string) =>
      `${group} removed “${what}” from its draft. The brief keeps its text.`,
    groupDeletedSummary: (group: string, what: string) =>
      `${group} was deleted, with its draft. The brief keeps its text of “${what}”.`,
    unavailableSummary: (group: string, what: string) =>
      `“${what}” came from ${group}, which is not part of this workshop. The brief keeps its text.`,
    viewChanges: 'View the changes',
    hideChanges: 'Hide the changes',
    groupChanged: (group: string) => `What ${group} changed`,
    briefEdits: 'The brief’s own edits',
    noBriefEdits: 'None: the brief has the group’s text as it was imported or last pulled.',
    noBriefTextEdits: 'The text is the group’s as it was imported or last pulled; the brief changed these fields:',
    conflicting:
      'Both the group and the brief changed this text, or the same field. Pulling takes the group’s text and the fields the group changed; the brief’s other field edits stay.',
    pull: 'Pull the group’s version',
    keep: 'Keep the brief’s text',
    mergedPullHint:
      'This recommendation merges several groups: edit the merged text yourself, then keep the brief’s text.',
    pulled: 'Pulled the group’s version into the brief.',
    kept: 'Kept the brief’s text. It is flagged again if the group changes it.',
    inserted: 'inserted:',
    deleted: 'deleted:',
    diffEnd: 'end of change',
    from: (group: string, audience: string | null) => `from ${group}${audience ? ` — ${audience}` : ''}`,
    openSource: (group: string) => `Open ${group}’s draft`,
    provenance: 'Provenance',
  },
  publish: {
    heading: 'Published briefs',
    publish: 'Publish',
    publishing: 'Publishing…',
    confirm: (title: string) =>
      `Publish ${isolate(`“${title}”`)} as it is now? Anyone with its link can read the published version, and it cannot be changed or withdrawn: later changes are published as a new version.`,
    done: (version: number) => `Published as version ${version}.`,
    open: 'Open the public page',
    versionOn: (version: number, date: string) => `Version ${version}, ${date}`,
  },
  exporting: {
    heading: 'Export',
    format: 'Format',
    formats: { pdf: 'PDF', docx: 'Word (DOCX)', html: 'HTML', md: 'Markdown' },
    edition: 'Edition',
    fullDocument: 'Full document',
    download: 'Download',
    preparing: 'Preparing the file…',
    receiving: 'Downloading…',
    done: 'Downloaded.',
    failed: 'The export failed.',
  },
  versions: {
    heading: 'History',
    open: 'Open history',
    openHint: 'Named and automatic versions: open, compare, restore.',
    dialogTitle: (title: string) => `History of ${title}`,
    close: 'Close',
    nameLabel: 'Name this version',
    nameHint: 'For example “End of breakout” or “Plenary draft, day 2”.',
    nameSubmit: 'Save version',
    named: (name: string) => `Saved “${name}”.`,
    listHeading: 'Versions',
    empty: 'No versions yet. Name one above; automatic ones are kept while people edit.',
    emptyReadOnly: 'No versions yet. Automatic ones are kept while people edit.',
    automatic: 'Automatic version',
    by: (who: string) => `named by ${who}`,
    openVersion: 'Open',
    compareNow: 'Compare with now',
    restore: 'Restore',
    delete: 'Delete',
    compareHeading: 'Compare',
    compareFrom: 'From',
    compareTo: 'To',
    now: 'Now (current text)',
    compareSubmit: 'Compare',
    viewing: (label: string) => `Reading “${label}” (read-only)`,
    comparing: (from: string, to: string) => `Changes from “${from}” to “${to}”`,
    nowLabel: 'now',
    counts: (inserted: number, deleted: number, changed: number, moved: number) =>
      `${inserted} added, ${deleted} removed, ${changed} changed${moved > 0 ? `, ${moved} moved` : ''}`,
    moved: 'Moved',
    noChanges: 'No differences.',
    change: { inserted: 'Added', deleted: 'Removed', changed: 'Changed', unchanged: 'Unchanged' },
    recommendation: 'Recommendation',
    /** Renumbered when recommendations before it came, went or moved: readers quote the numbers. */
    numberedRecommendation: (number: number, before: number | null) =>
      before === null ? `Recommendation ${number}` : `Recommendation ${number} (was ${before})`,
    formerRecommendation: (number: number) => `Formerly recommendation ${number}`,
    fieldNames: {
      audiences: 'Audiences',
      priority: 'Priority',
      responsibleBody: 'Responsible body',
      timeframe: 'Timeframe',
      legalReference: 'Legal reference',
      status: 'Status',
    },
    unset: '(none)',
    confirmTitle: (label: string) => `Restore “${label}”?`,
    confirmBody:
      'The document will read as it did then, as a new change everyone sees. The current text is kept as an automatic version first, so you can go back.',
    confirmRestore: 'Restore this version',
    cancel: 'Cancel',
    restored: (label: string) => `Restored “${label}”. The text before it is kept as an automatic version.`,
    confirmDelete: (label: string) => `Delete “${label}”? It cannot be opened or restored afterwards.`,
    deleted: (label: string) => `Deleted “${label}”.`,
    gone: 'This version was deleted by someone else; the list is up to date again.',
    failed: 'That did not work. Try again.',
    loading: 'Loading…',
  },
  interfaceLanguage: {
    label: 'Language',
    moreFormatting: 'More formatting',
  },
  /**
   * What a refusal of the server means, by HTTP status, for languages other than English (the
   * server explains itself in English, and in English its own sentence is shown).
   */
  serverRefusals: {
    400: 'What was sent is not valid. Check it and try again.',
    401: 'You are signed out. Open your invite link again.',
    403: 'Your role may not do this.',
    404: 'This no longer exists, or is not in your workshop.',
    409: 'This clashes with a change someone made. Reload and try again.',
    410: 'This is no longer available.',
    413: 'This is too large to send.',
    429: 'Too many attempts. Wait a minute, then try again.',
  },

  comments: {
    heading: 'Comments',
    controlsLabel: 'Comments and authorship',
    add: 'Comment',
    addHint: 'Comment on the selected text (Ctrl+Alt+M)',
    selectFirst: 'Select the text you want to comment on first.',
    newLabel: 'Your comment',
    submit: 'Comment',
    cancel: 'Cancel',
    filterLabel: 'Show open or resolved comments',
    open: (count: number) => `Open (${count})`,
    resolved: (count: number) => `Resolved (${count})`,
    noneOpen: 'No open comments. Select some text and choose “Comment”.',
    noneOpenReadOnly: 'No open comments.',
    noneResolved: 'No resolved comments.',
    threadLabel: (name: string) => `Comment by ${name}`,
    noQuote: '(no text)',
    onDeletedText: 'On deleted text: the text this comment was about has been removed.',
    replyLabel: (name: string) => `Reply to ${name}`,
    replyPlaceholder: 'Reply…',
    reply: 'Reply',
    resolve: 'Resolve',
    reopen: 'Reopen',
    delete: 'Delete',
    resolvedBy: (name: string) => `Resolved by ${name}`,
    includeInExport: 'Include comments (as an appendix)',
    errors: {
      empty_text: 'Write something first.',
      too_long: 'That is too long for a comment.',
      thread_not_found: 'This comment no longer exists.',
      thread_deleted: 'This comment was deleted; replies are closed.',
      not_author: 'Only the person who wrote a comment can delete it.',
    },
  },

  authorship: {
    toggle: 'Show authors',
    hint: 'Colour the text by who wrote it, list the writers, and say who wrote the text at the cursor.',
    writers: 'Written by:',
    atCaret: (name: string) => `At the cursor: written by ${isolate(name)}`,
    nobodyAtCaret: 'At the cursor: no writer recorded (template or imported text)',
  },
} as const;

/**
 * A language's strings: English's keys, any text in the values, the same arguments for the
 * functions. A key missing from a translation fails the type check.
 */
export type Translation<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? readonly string[]
      : { readonly [K in keyof T]: Translation<T[K]> };

export type Strings = Translation<typeof english>;

/**
 * The active language's strings. An ES module live binding: `lib/language.ts` swaps it and the
 * app re-renders, so every `strings.x.y` call site reads the new language.
 */
export let strings: Strings = english;

export function setActiveStrings(next: Strings): void {
  strings = next;
}
