/**
 * Every user-facing string of the client, in one place, so an i18n layer can replace this
 * object later without touching components.
 */
export const strings = {
  productName: 'Plenary',
  tagline: 'Breakout groups write their recommendations together, live.',

  landing: {
    title: 'Open a draft',
    intro:
      'Each breakout group writes in one shared draft. Everyone with the link edits the same text at the same time, and your changes are kept on this device when the connection drops.',
    demoHeading: 'Try it',
    demoLink: 'Open the demo draft',
    demoHint: 'Open it in two windows to see live editing and named cursors.',
    openHeading: 'Open a draft by its id',
    idLabel: 'Draft id',
    idHint: 'Letters, digits, - and _ (up to 128 characters).',
    openButton: 'Open draft',
    idInvalid: 'A draft id uses only letters, digits, - and _, up to 128 characters.',
  },

  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    home: 'Go to the start page',
  },

  document: {
    titlePrefix: 'Draft',
    invalidTitle: 'This document link is not valid',
    invalidBody: 'Check the link you were given, or ask the person who shared it for a new one.',
    editorLabel: 'Draft text',
    loading: 'Loading the draft…',
    home: 'All drafts',
  },

  status: {
    connecting: 'Connecting…',
    connected: 'Connected',
    offline: 'Offline — changes kept on this device',
    saved: 'All changes saved',
  },

  closeReasons: {
    noAccess: 'You don’t have access to this draft. Ask the organiser for a new link, then reload the page.',
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

  displayName: {
    title: 'What is your name?',
    intro: 'Others see it next to your cursor and in the list of who is here.',
    label: 'Your name',
    submit: 'Continue',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Please enter a name.',
    tooLong: (max: number) => `Please use at most ${max} characters.`,
    change: (name: string) => `You are ${name}. Change your name`,
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
} as const;
