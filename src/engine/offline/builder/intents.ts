/** The offline builder's understanding of a request: a documented set of English phrasings, each mapped to one intent, deterministically. */
import { kebab } from '../../../lib/slug';
import { colourNamed } from './colours';
import type { NamedColour } from './colours';

/** What a request asks the builder to do. */
export type Intent =
  | { kind: 'rename'; name: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'button'; text: string; from: string | null }
  | { kind: 'colour'; colour: NamedColour }
  | { kind: 'theme'; theme: 'dark' | 'light' }
  | { kind: 'feature'; feature: string }
  | { kind: 'tests' }
  | { kind: 'deploy'; environment: 'preview' | 'production' }
  | { kind: 'undo' }
  | { kind: 'restore'; number: number }
  | { kind: 'fix' }
  | { kind: 'changes' }
  | { kind: 'question' }
  | { kind: 'unsupported'; reason: string };

/** Words that make a request polite without changing it: "please", "can you", "I'd like you to"... */
const POLITE = /^(?:(?:please|pls|ok(?:ay)?|hey|hi|now|then|and|also|so)[,\s]+|(?:can|could|would|will) you (?:please )?|i(?:'d| would) like (?:you )?to |i want (?:you )?to |let'?s |go ahead and |try to )+/i;

/** The request without politeness, surrounding quotes, or a final full stop or exclamation. */
function plain(message: string): string {
  let text = message.trim().replace(/\s+/g, ' ');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(POLITE, '').replace(/[\s,]*\bplease\b[.!]*$/i, '').replace(/[.!]+$/, '').trim();
  }
  return text;
}

/** A name or text from a request: without the quotes around it, a trailing "please" or full stop. */
function textOf(raw: string): string {
  const text = raw.trim().replace(/[.!]+$/, '').trim();
  const quoted = /^["'“‘«](.+)["'”’»]$/.exec(text);
  return (quoted?.[1] ?? text).trim();
}

const ENTITY = '(?:it|the app|this app|my app|the project|this project|the site|the page|the website)';

/** Each rule: a pattern on the plain request, and the intent it means. Order matters: the first match wins. */
const RULES: { pattern: RegExp; intent: (match: RegExpExecArray) => Intent | null }[] = [
  // Undo and restore, before anything that says "back" or "version".
  { pattern: /^(?:restore|go back to|revert to|roll ?back to|return to|switch back to|bring back) (?:version|v\.?) ?#?(\d+)$/i, intent: (m) => ({ kind: 'restore', number: Number(m[1]) }) },
  {
    pattern: /^(?:undo|revert|roll ?back|go back|take (?:that|it) back|reverse)(?: (?:that|it|this|the last (?:change|edit)|your last (?:change|edit)|my last (?:change|edit)|that change|the change|one step))?$/i,
    intent: () => ({ kind: 'undo' }),
  },
  { pattern: /^(?:undo|revert) (?:the )?(?:last|latest|previous) (?:change|edit|version)$/i, intent: () => ({ kind: 'undo' }) },

  // Renaming the app.
  { pattern: new RegExp(`^(?:call|name) ${ENTITY} (.+)$`, 'i'), intent: (m) => ({ kind: 'rename', name: textOf(m[1]!) }) },
  { pattern: new RegExp(`^(?:rename|retitle) (?:${ENTITY} )?(?:to|as) (.+)$`, 'i'), intent: (m) => ({ kind: 'rename', name: textOf(m[1]!) }) },
  { pattern: new RegExp(`^(?:change|set|update|make) (?:the |its |${ENTITY}'s )?(?:app |app's |page |site |project )?(?:name|title) (?:to|as|into) (.+)$`, 'i'), intent: (m) => ({ kind: 'rename', name: textOf(m[1]!) }) },
  { pattern: new RegExp(`^${ENTITY} should be (?:called|named) (.+)$`, 'i'), intent: (m) => ({ kind: 'rename', name: textOf(m[1]!) }) },

  // Texts on the page.
  {
    pattern: /^(?:change|set|update|make|edit) the (?:main |page |top )?(?:heading|headline|h1|title text)(?: text)? (?:to|say|read|into) (.+)$/i,
    intent: (m) => ({ kind: 'heading', text: textOf(m[1]!) }),
  },
  { pattern: /^(?:the )?(?:main )?(?:heading|headline) should (?:say|read|be) (.+)$/i, intent: (m) => ({ kind: 'heading', text: textOf(m[1]!) }) },
  {
    pattern: /^(?:change|set|update|make|edit) the (?:subtitle|sub-title|subheading|sub-heading|tagline|tag line|lead text|lead|intro text)(?: text)? (?:to|say|read|into) (.+)$/i,
    intent: (m) => ({ kind: 'subtitle', text: textOf(m[1]!) }),
  },
  { pattern: /^(?:the )?(?:subtitle|tagline|subheading) should (?:say|read|be) (.+)$/i, intent: (m) => ({ kind: 'subtitle', text: textOf(m[1]!) }) },
  {
    pattern: /^(?:change|set|update|make|rename|relabel) the (?:(.+?) )?button(?:'s)?(?: text| label)? (?:to|say|read|into) (.+)$/i,
    intent: (m) => ({ kind: 'button', from: m[1] ? textOf(m[1]) : null, text: textOf(m[2]!) }),
  },
  { pattern: /^(?:the )?(?:(.+?) )?button should (?:say|read) (.+)$/i, intent: (m) => ({ kind: 'button', from: m[1] ? textOf(m[1]) : null, text: textOf(m[2]!) }) },

  // Theme, before colours ("make it dark" is a theme, "make it dark blue" a colour).
  {
    pattern: /^(?:switch to|use|go|turn on|enable|make it|give it|change to|apply|set) (?:a |the )?(dark|light)(?: mode| theme| colou?r scheme| background)?$/i,
    intent: (m) => ({ kind: 'theme', theme: m[1]!.toLowerCase() as 'dark' | 'light' }),
  },
  { pattern: /^(dark|light) (?:mode|theme)(?: please)?$/i, intent: (m) => ({ kind: 'theme', theme: m[1]!.toLowerCase() as 'dark' | 'light' }) },
  { pattern: /^(?:change|switch|set) the theme to (dark|light)$/i, intent: (m) => ({ kind: 'theme', theme: m[1]!.toLowerCase() as 'dark' | 'light' }) },

  // The main colour.
  {
    pattern: /^(?:change|set|update|switch|make) (?:the |its )?(?:main |primary |accent |brand |theme |button |highlight )?colou?r(?: scheme)? (?:to|into) (.+)$/i,
    intent: (m) => colourIntent(m[1]!),
  },
  { pattern: /^(?:make|paint|colou?r|turn) (?:it|the app|the buttons|everything) (.+)$/i, intent: (m) => colourIntent(m[1]!) },
  { pattern: /^use (.+?) (?:as the (?:main |primary |accent |brand )?colou?r|for the (?:main |primary |accent |brand )?colou?r|as (?:the )?accent)$/i, intent: (m) => colourIntent(m[1]!) },
  { pattern: /^(?:i want it|it should be) (.+)$/i, intent: (m) => colourIntent(m[1]!) },

  // Tests, deployments, fixes.
  { pattern: /^(?:run|rerun|re-run|execute|start) (?:the |all |all the |my |its )?(?:unit )?tests?(?: again| now)?$/i, intent: () => ({ kind: 'tests' }) },
  { pattern: /^(?:test (?:it|the app|everything)|run the test suite|check (?:that )?the tests pass)$/i, intent: () => ({ kind: 'tests' }) },
  {
    pattern: /^(?:deploy|publish|ship|release|launch|put|push)(?: (?:it|the app|this|this app|my app|that|a preview|the site))?(?: (?:live|online))?(?: (?:to|in|on|into) (?:the )?(preview|production|prod)(?: environment)?)?(?: now)?$/i,
    intent: (m) => ({ kind: 'deploy', environment: m[1] && /^prod/i.test(m[1]) ? 'production' : 'preview' }),
  },
  { pattern: /^(?:go live|make it live|deploy to prod(?:uction)?|ship it to prod(?:uction)?|release to production)$/i, intent: (m) => ({ kind: 'deploy', environment: /prod/i.test(m[0]) ? 'production' : 'preview' }) },
  {
    pattern: /^(?:fix|repair|heal)(?: (?:it|that|this|the errors?|the bugs?|the problems?|the issues?|everything|the app|what'?s broken|the build|the code|all errors))?$/i,
    intent: () => ({ kind: 'fix' }),
  },

  // What changed.
  {
    pattern: /^(?:what (?:has |have )?(?:just )?changed|what did you (?:just )?(?:change|do)|what was changed|what'?s changed|what'?s new|show (?:me )?(?:the )?(?:last |latest )?(?:changes?|diff)|what changed (?:last|recently))\??$/i,
    intent: () => ({ kind: 'changes' }),
  },

  // Features from the catalog.
  {
    pattern: /^(?:add|include|support|implement|build|give it|i want|i need|it needs|it should have)(?: (?:an?|the|some))? (.+?)(?: (?:feature|support|functionality|option|page|section))?(?: (?:to (?:it|the app|this app)|too|as well))?$/i,
    intent: (m) => ({ kind: 'feature', feature: kebab(textOf(m[1]!)) }),
  },
];

function colourIntent(raw: string): Intent | null {
  const colour = colourNamed(textOf(raw));
  return colour ? { kind: 'colour', colour } : null;
}

/** Whether a request asks to act on the app (a verb of change first), rather than to be told something. */
const ACTION =
  /^(?:add|change|make|remove|delete|drop|create|build|rewrite|replace|move|put|set|turn|convert|translate|implement|refactor|update|use|switch|insert|write|generate|redesign|style|resize|enlarge|shrink|hide|show the|center|centre|align|swap|sort|rename|include|support|connect|integrate|migrate|port|optimi[sz]e|improve|increase|decrease|reduce|upgrade|install|enable|disable|allow|let users|i want|i need|it should)\b/i;

/**
 * The intent of a request: the first rule it matches; `unsupported` for any other request to act
 * on the app; otherwise a question, answered from the project's facts. Same request, same intent.
 *
 * @example parseRequest('Call it Chore Wheel') // { kind: 'rename', name: 'Chore Wheel' }
 * @example parseRequest('make it teal') // { kind: 'colour', colour: { css: 'teal', hex: '#008080' } }
 */
export function parseRequest(message: string): Intent {
  const text = plain(message);
  const asked = text.replace(/\?+$/, '').trim();
  for (const rule of RULES) {
    const match = rule.pattern.exec(asked);
    const intent = match ? rule.intent(match) : null;
    if (intent) return intent;
  }
  if (ACTION.test(asked) && !text.endsWith('?')) return { kind: 'unsupported', reason: 'it is not one of the requests the offline builder knows' };
  return { kind: 'question' };
}
