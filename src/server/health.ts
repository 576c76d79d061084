/** `/health` (liveness): 200 with the event-loop delay, never touching the database. */
import type { Plugin } from 'graphql-yoga';
import type { EventLoopMonitor } from './event-loop.ts';

export function healthPlugin(monitor: EventLoopMonitor): Plugin {
  return {
    onYogaInit: () => monitor.start(),
    onDispose: () => monitor.stop(),
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status !== 200 || new URL(request.url).pathname !== '/health') return;
      setResponse(
        new fetchAPI.Response(JSON.stringify({ status: 'ok', eventLoopDelay: monitor.delay() }), {
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
