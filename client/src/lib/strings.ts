import type { Role } from '@plenary/shared/domain';

/**
 * Every user-facing string of the client, in one place, so an i18n layer can replace this
 * object later without touching components.
 */
export const strings = {
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
    expiredTitle: 'Your session has ended',
    expiredBody:
      'Open your invite link again to continue. If it does not work any more, ask the facilitator for a new one.',
    home: 'Go to the start page',
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
    changeName: (name: string, role: string) => `You are ${name} (${role}). Change your name`,
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
    audiencesHint: 'Each group writes for one of these audiences; the brief is grouped by them.',
    audience: (n: number) => `Audience ${n}`,
    removeAudience: (name: string) => `Remove audience ${name}`,
    addAudience: 'Add audience',
    save: 'Save changes',
    saving: 'Saving…',
    saved: 'Saved.',
    titleRequired: 'Please give the workshop a title.',
    audienceRequired: 'Keep at least one audience.',
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
    addGroupHeading: 'Add a group',
    groupName: 'Group name',
    groupPlaceholder: (n: number) => `Group ${n}`,
    groupNameRequired: 'Please give the group a name.',
    focusAudience: 'Focus audience',
    noFocus: 'No particular audience',
    addGroup: 'Add group',
    adding: 'Adding…',
    addBriefHeading: 'Start a brief',
    briefTitle: 'Brief title',
    addBrief: 'Create brief',
    briefTitleRequired: 'Please give the brief a title.',
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
    title: 'Dashboard',
    backHome: 'Workshop home',
    groupsHeading: 'Groups',
    noGroups: 'No groups yet.',
    online: 'Online now',
    nobodyOnline: 'Nobody online',
    onlineCount: (n: number) => (n === 1 ? '1 person online' : `${n} people online`),
    words: 'Words',
    recommendations: 'Recommendations',
    lastActivity: 'Last activity',
    noActivity: 'No edits yet',
    locked: 'Locked',
    open: 'Open for editing',
    lock: 'Lock draft',
    unlock: 'Unlock draft',
    lockLabel: (group: string) => `Lock the draft of ${group}`,
    unlockLabel: (group: string) => `Unlock the draft of ${group}`,
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
    timerMinutesInvalid: 'Enter a number of minutes between 1 and 1440.',
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
    readingOtherGroup: (group: string) => `You are reading ${group}’s draft (read-only).`,
    locked: 'This draft is locked by the facilitator. You can read it but not change it.',
    readOnly: 'You can read this document but not change it.',
    offlineInfo: 'Offline: showing what this device last saw.',
  },

  status: {
    connecting: 'Connecting…',
    connected: 'Connected',
    offline: 'Offline — changes kept on this device',
    saved: 'All changes saved',
  },

  closeReasons: {
    unauthorized: 'You are signed out: your session ended or your link was revoked. Open your invite link again.',
    noAccess: 'You don’t have access to this draft. Ask the facilitator, then reload the page.',
    invalidLink: 'This document link is not valid. Check the link you were given.',
    tooLarge:
      'A change was too large to save. It is kept on this device; undo it or split it into smaller pieces, then reload the page.',
    generic: 'The server closed the connection. Your changes are kept on this device; reload the page to try again.',
  },

  presence: {
    heading: 'Who is here',
    you: '(you)',
    joined: (name: string) => `${name} joined`,
    left: (name: string) => `${name} left`,
    anonymous: 'Someone',
  },

  time: {
    justNow: 'just now',
  },

  toolbar: {
    label: 'Formatting',
    heading: (level: number) => `Heading ${level}`,
    bold: 'Bold',
    italic: 'Italic',
    bulletList: 'Bullet list',
    orderedList: 'Numbered list',
    blockquote: 'Quote',
    link: 'Link',
    undo: 'Undo',
    redo: 'Redo',
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
} as const;
