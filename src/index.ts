/** The Worker's entry: HTTP through the Hono app; queue and cron handlers; the Durable Object classes. */
import { createApp } from './app';
import type { Bindings } from './app-env';
import { consumeQueue } from './queues';
import { sweep } from './sweeper';

export { AgencySession } from './durable-objects/agency-session';
export { AppData } from './durable-objects/app-data';
export { ChatSession } from './durable-objects/chat-session';

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request, env, ctx) {
    app ??= createApp();
    return app.fetch(request, env, ctx);
  },
  queue(batch, env) {
    return consumeQueue(batch, env);
  },
  async scheduled(_controller, env) {
    const report = await sweep(env);
    const acted = Object.values(report).some((ids) => ids.deployments.length + ids.testRuns.length > 0);
    if (acted) console.log(JSON.stringify({ sweep: report }));
  },
} satisfies ExportedHandler<Bindings>;
