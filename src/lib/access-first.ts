/** Waiting for a caller's access beside the work it guards, so their reads share a round trip. */

/**
 * `work`'s answer once `access` has passed too. Both are started by the caller in the same turn,
 * so their reads go to D1 together (`oneTrip`); `access`'s failure wins, so a project the caller
 * may not see is a 404 whatever `work` found or refused. Nothing that writes may run inside
 * `work`: it runs whether or not access holds.
 *
 * @example const { row } = await accessFirst(getProject(db, caller, projectId), readFile(db, bucket, projectId, path));
 */
export async function accessFirst<T>(access: PromiseLike<unknown> | undefined, work: PromiseLike<T>): Promise<T> {
  const [allowed, done] = await Promise.allSettled([access, work]);
  if (allowed.status === 'rejected') throw allowed.reason;
  if (done.status === 'rejected') throw done.reason;
  return done.value;
}
