// The D1 session of each API request (src/db/session.ts): reads may go to a replica, writes start at
// the primary, and the bookmark in `X-D1-Bookmark` lets a client read its own writes. Locally there
// is one database, so replica lag cannot be shown; what can be is that every answer that used D1
// gives a bookmark, that one sent back is taken, and that anything else is refused before D1 sees it.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { projects } from '../../src/db/schema';
import { BOOKMARK_PATTERN, sessionStart } from '../../src/db/session';
import { call, callJson, createProject, createUser } from '../helpers';

const bookmarkOf = (response: Response) => response.headers.get('X-D1-Bookmark');

describe('where a request session starts', () => {
  it('reads anywhere or from a bookmark; writes at the primary, which no bookmark is ahead of', () => {
    expect(sessionStart('GET', undefined)).toBe('first-unconstrained');
    expect(sessionStart('HEAD', undefined)).toBe('first-unconstrained');
    for (const method of ['POST', 'PUT', 'DELETE']) expect(sessionStart(method, undefined)).toBe('first-primary');
    const bookmark = '00000001-00000002-00004f61-0123456789abcdef0123456789abcdef';
    expect(sessionStart('GET', bookmark)).toBe(bookmark);
    expect(sessionStart('POST', bookmark)).toBe('first-primary');
    expect(() => sessionStart('POST', 'latest')).toThrow('X-D1-Bookmark');
  });
});

describe('X-D1-Bookmark', () => {
  it('is answered by a read and by a write, in the shape the document declares', async () => {
    const user = await createUser();
    const created = await call('/api/projects', { key: user.key, body: { name: 'Bookmarked' } });
    expect(created.status).toBe(201);
    expect(bookmarkOf(created)).toMatch(BOOKMARK_PATTERN);
    const listed = await call('/api/projects', { key: user.key });
    expect(listed.status).toBe(200);
    expect(bookmarkOf(listed)).toMatch(BOOKMARK_PATTERN);
  });

  it('sent back with the next request, lets the client read its own write', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const renamed = await call(`/api/projects/${project.id}`, { key: user.key, method: 'PUT', body: { name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    const bookmark = bookmarkOf(renamed)!;
    expect(bookmark).toMatch(BOOKMARK_PATTERN);

    const read = await call(`/api/projects/${project.id}`, { key: user.key, headers: { 'X-D1-Bookmark': bookmark } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Renamed');
    // The session answers where it ended, never before where it started (local bookmarks are fixed-width hex, so they sort).
    expect(bookmarkOf(read)! >= bookmark).toBe(true);
  });

  it('is taken by a write too, which writes at the primary', async () => {
    const user = await createUser();
    const first = await call('/api/projects', { key: user.key, body: { name: 'First' } });
    const second = await call('/api/projects', { key: user.key, body: { name: 'Second' }, headers: { 'X-D1-Bookmark': bookmarkOf(first)! } });
    expect(second.status).toBe(201);
    const { id } = (await second.json()) as { id: string };
    expect(await createDb(env.DB).select().from(projects).where(eq(projects.id, id))).toHaveLength(1);
  });

  it('empty, counts as absent', async () => {
    const user = await createUser();
    const response = await call('/api/projects', { key: user.key, headers: { 'X-D1-Bookmark': '' } });
    expect(response.status).toBe(200);
    expect(bookmarkOf(response)).toMatch(BOOKMARK_PATTERN);
  });

  it('is given to a request without a key that used D1', async () => {
    // An unknown key is counted against the client's address in D1 before the 401.
    const response = await call('/api/projects', { key: 'ptx_' + 'A'.repeat(43), headers: { 'CF-Connecting-IP': '198.51.100.7' } });
    expect(response.status).toBe(401);
    expect(bookmarkOf(response)).toMatch(BOOKMARK_PATTERN);
  });

  it('malformed, is a 400 problem naming the header, and the request does nothing', async () => {
    const user = await createUser();
    for (const bad of ['00000001 00000002', 'latest', '00000001-0000000g', 'a'.repeat(65), '1--2', "x' OR 1=1"]) {
      const response = await call('/api/projects', { key: user.key, body: { name: 'Never' }, headers: { 'X-D1-Bookmark': bad } });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { errors: { location: string; pointer: string }[] };
      expect(problem.errors).toEqual([expect.objectContaining({ location: 'header', pointer: '#/X-D1-Bookmark' })]);
      expect(bookmarkOf(response)).toBeNull();
    }
    expect(await callJson<unknown[]>('/api/projects', { key: user.key })).toEqual([]);
  });
});
