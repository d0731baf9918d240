// The offline builder's documented phrasings: each English request maps to the tool calls it makes.
// File edits are played out against the todo template's real files (the edit tool's own matching
// applies them), so a phrasing passes only when its edits really apply.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { offlineEngine } from '../../src/engine/offline';
import { parseRequest } from '../../src/engine/offline/builder/intents';
import { nextMove } from '../../src/engine/offline/builder/moves';
import type { Exchange } from '../../src/engine/offline/builder/moves';
import type { ConversationInput, ProjectFacts } from '../../src/engine/types';
import { applyEdits } from '../../src/features/chat/edits';
import { loadTemplateFiles } from '../../src/templates/files';

const todoFiles = await loadTemplateFiles(env.ASSETS, 'todo-list');

const facts: ProjectFacts = {
  project: { id: '019b0000-0000-7000-8000-000000000001', name: 'Chores', description: 'A shared list of chores', status: 'generated', templateId: 'todo-list' },
  plan: { id: '019b0000-0000-7000-8000-000000000002', templateId: 'todo-list', features: [], status: 'completed', steps: [], fit: 'exact', missingFeatures: [] },
  plans: 1,
  files: [],
  fileCount: 5,
  deployments: { total: 0, live: [] },
  tests: { suites: 0, passed: 0, failed: 0 },
};

/**
 * Plays a request's moves out: file tools answer from the todo template's files (edits applied
 * with the real editFile matching); the first call of any other tool ends the play, since what it
 * answers comes from the platform. Returns each call as `tool(path)` or `tool`.
 */
function play(message: string): string[] {
  const files = new Map(Object.entries(todoFiles));
  const input: ConversationInput = { facts, history: [], message };
  const intent = parseRequest(message);
  const exchanges: Exchange[] = [];
  const calls: string[] = [];
  for (let step = 0; step < 12; step += 1) {
    const move = nextMove(intent, exchanges, input, ['offline']);
    if ('text' in move) return calls;
    for (const call of move.calls) {
      const path = typeof call.input.path === 'string' ? call.input.path : null;
      calls.push(path ? `${call.toolName}(${path})` : call.toolName);
      if (call.toolName === 'listFiles') exchanges.push({ ...call, output: { files: [...files.keys()].map((file) => ({ path: file, size: files.get(file)!.length })) } });
      else if (call.toolName === 'readFile') exchanges.push({ ...call, output: { path, content: files.get(path!) } });
      else if (call.toolName === 'editFile') {
        const edited = applyEdits(files.get(path!)!, call.input.edits as { find: string; replace: string }[]);
        if (!edited.ok) throw new Error(`${message}: ${edited.error}`);
        files.set(path!, edited.content);
        exchanges.push({ ...call, output: { path } });
      } else return calls;
    }
  }
  throw new Error(`${message}: no reply after 12 steps`);
}

const RENAME = ['readFile(index.html)', 'editFile(index.html)'];
const RENAME_APP = [...RENAME, 'renameProject'];
const STYLE = ['listFiles', 'readFile(styles.css)', 'editFile(styles.css)'];

/** [request, intent kind, the tool calls it makes]. */
const PHRASINGS: [string, string, string[]][] = [
  ['Call it Chore Wheel', 'rename', RENAME_APP],
  ['call the app "Chore Wheel"', 'rename', RENAME_APP],
  ['Name it Mug Shop.', 'rename', RENAME_APP],
  ['rename the app to Mug Shop', 'rename', RENAME_APP],
  ['Rename it to Chore Wheel please', 'rename', RENAME_APP],
  ['rename to Chore Wheel', 'rename', RENAME_APP],
  ['Retitle the app as Chore Wheel', 'rename', RENAME_APP],
  ['change the name to Chore Wheel', 'rename', RENAME_APP],
  ["change the app's title to Chore Wheel", 'rename', RENAME_APP],
  ['set the title to Chore Wheel', 'rename', RENAME_APP],
  ['the app should be called Chore Wheel', 'rename', RENAME_APP],
  ['Could you please call it Chore Wheel?', 'rename', RENAME_APP],
  ['change the heading to Today', 'heading', RENAME],
  ['Set the main heading to "Our chores"', 'heading', RENAME],
  ['make the headline say Chores for everyone', 'heading', RENAME],
  ['the heading should say Chores', 'heading', RENAME],
  ['change the subtitle to One chore at a time', 'subtitle', RENAME],
  ['update the tagline to "Share the load"', 'subtitle', RENAME],
  ['the subtitle should read Share the load', 'subtitle', RENAME],
  ['change the button text to Save', 'button', RENAME],
  ['Change the Add button to "Add chore"', 'button', RENAME],
  ['rename the Clear done button to Tidy up', 'button', RENAME],
  ['make the button say Go', 'button', RENAME],
  ['the add button should say Plus', 'button', RENAME],
  ['make it teal', 'colour', STYLE],
  ['Make it Teal!', 'colour', STYLE],
  ['change the main colour to coral', 'colour', STYLE],
  ['change the color to #ff6600', 'colour', STYLE],
  ['set the accent color to rebeccapurple', 'colour', STYLE],
  ['use dark blue as the main colour', 'colour', STYLE],
  ['paint it tomato', 'colour', STYLE],
  ['switch the primary colour to #0a0', 'colour', STYLE],
  ['make the buttons crimson', 'colour', STYLE],
  ['switch to dark mode', 'theme', STYLE],
  ['use a dark theme', 'theme', STYLE],
  ['make it dark', 'theme', STYLE],
  ['dark mode please', 'theme', STYLE],
  ['change the theme to dark', 'theme', STYLE],
  ['switch to a light theme', 'theme', STYLE],
  ['add a search feature', 'feature', ['planFeatures']],
  ['add a tag filter', 'feature', ['planFeatures']],
  ['add dark mode', 'feature', ['planFeatures']],
  ['Please add pagination', 'feature', ['planFeatures']],
  ['add filters', 'feature', []],
  ['run the tests', 'tests', ['runTests']],
  ['Run all the tests again', 'tests', ['runTests']],
  ['test it', 'tests', ['runTests']],
  ['deploy it', 'deploy', ['deploy']],
  ['Deploy', 'deploy', ['deploy']],
  ['publish it', 'deploy', ['deploy']],
  ['ship it', 'deploy', ['deploy']],
  ['deploy a preview', 'deploy', ['deploy']],
  ['deploy it to production', 'deploy', ['deploy']],
  ['go live', 'deploy', ['deploy']],
  ['push it to prod', 'deploy', ['deploy']],
  ['undo', 'undo', ['restoreVersion']],
  ['Undo that.', 'undo', ['restoreVersion']],
  ['revert the last change', 'undo', ['restoreVersion']],
  ['roll back', 'undo', ['restoreVersion']],
  ['go back', 'undo', ['restoreVersion']],
  ['restore version 3', 'restore', ['restoreVersion']],
  ['go back to version 2', 'restore', ['restoreVersion']],
  ['revert to v4', 'restore', ['restoreVersion']],
  ['fix the errors', 'fix', ['runChecks']],
  ['fix it', 'fix', ['runChecks']],
  ['please fix the bugs', 'fix', ['runChecks']],
  ['what changed?', 'changes', ['listVersions']],
  ['What did you change', 'changes', ['listVersions']],
  ['show me the last changes', 'changes', ['listVersions']],
  ['what files do I have?', 'question', []],
  ['How is it going?', 'question', []],
  ['Give me the status', 'question', []],
  ['Rewrite the app in Rust', 'unsupported', []],
  ['add a multiplayer mode with websockets', 'feature', []],
  ['Make the list draggable', 'unsupported', []],
];

describe('offline builder phrasings', () => {
  it('documents at least 60 phrasings', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(PHRASINGS)('%s → %s: %j', (message, kind, calls) => {
    expect(parseRequest(message).kind).toBe(kind);
    expect(play(message)).toEqual(calls);
  });

  it('reads the name, text, colour and environment out of the request', () => {
    expect(parseRequest('Call it Chore Wheel')).toEqual({ kind: 'rename', name: 'Chore Wheel' });
    expect(parseRequest('rename the app to "Mug Shop".')).toEqual({ kind: 'rename', name: 'Mug Shop' });
    expect(parseRequest('Change the Add button to "Add chore"')).toEqual({ kind: 'button', from: 'Add', text: 'Add chore' });
    expect(parseRequest('make it teal')).toEqual({ kind: 'colour', colour: { css: 'teal', hex: '#008080' } });
    expect(parseRequest('change the color to #f60')).toEqual({ kind: 'colour', colour: { css: '#ff6600', hex: '#ff6600' } });
    expect(parseRequest('deploy it to production')).toEqual({ kind: 'deploy', environment: 'production' });
    expect(parseRequest('deploy it')).toEqual({ kind: 'deploy', environment: 'preview' });
    expect(parseRequest('restore version 3')).toEqual({ kind: 'restore', number: 3 });
  });

  it('edits what the request names: the Clear done button, not the first one', () => {
    const input: ConversationInput = { facts, history: [], message: 'rename the Clear done button to Tidy up' };
    const intent = parseRequest(input.message);
    const html = todoFiles['index.html']!;
    const move = nextMove(intent, [{ toolName: 'readFile', input: { path: 'index.html' }, output: { path: 'index.html', content: html } }], input, ['offline']);
    expect('calls' in move && move.calls[0]!.input.edits).toEqual([
      { find: '<button id="clear-done" type="button" class="link">Clear done</button>', replace: '<button id="clear-done" type="button" class="link">Tidy up</button>' },
    ]);
  });

  it('asks for the model list only when the answer names models: a question does not, a request beyond offline does', async () => {
    const answer = async (message: string) => {
      const asked: string[] = [];
      const models = async () => {
        asked.push(message);
        return ['offline', 'openai:gpt-4.1'];
      };
      let text = '';
      for await (const part of offlineEngine.chat({ facts, history: [], message }, { tools: {}, models }) as unknown as AsyncIterable<{ type: string; text?: string }>) {
        if (part.type === 'text-delta') text += part.text;
      }
      return { text, asked: asked.length };
    };
    expect((await answer('What should I do next?')).asked).toBe(0);
    const beyond = await answer('Rewrite the app in Rust with a GraphQL backend');
    expect(beyond.asked).toBe(1);
    expect(beyond.text).toContain('"model": "openai:gpt-4.1"');
  });

  it('names the configured models when a request is beyond offline', () => {
    const input: ConversationInput = { facts, history: [], message: 'Make the list draggable' };
    const move = nextMove(parseRequest(input.message), [], input, ['offline', 'openai:gpt-4.1', 'openai:gpt-4o-mini']);
    expect('text' in move && move.text).toContain('"model": "openai:gpt-4.1"');
  });
});
