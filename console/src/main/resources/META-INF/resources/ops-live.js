// The ops page's live feed: ops-service's GET /api/v1/stream (text/event-stream) read with fetch and a ReadableStream,
// because the bearer token must go in the Authorization header, which EventSource cannot send. When the stream ends it
// reconnects with a growing delay; while it cannot be had, GET /overview is polled every 5 s instead. Each connect()
// goes through session.js's request(), so a reconnect carries the latest (silently renewed) access token.

const POLL_MS = 5000;
const SILENCE_MS = 15000; // samples come every 2 s: a stream silent this long is stuck (a buffering proxy, say)
const MAX_DELAY_MS = 30000;

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Reads server-sent events from a response body: dispatch(name, data) per event; alive() on every chunk. */
async function readEvents(body, dispatch, alive) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    alive();
    buffer += value;
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop(); // an incomplete line waits for the next chunk
    for (const line of lines) {
      if (line === '') { // a blank line ends the event
        if (data.length) {
          dispatch(name, data.join('\n'));
        }
        name = 'message';
        data = [];
      } else if (!line.startsWith(':')) { // ':' starts a comment (keep-alive)
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const content = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          name = content;
        } else if (field === 'data') {
          data.push(content);
        }
      }
    }
  }
}

/**
 * Keeps the page fed with overviews. connect(signal) answers the stream's Response; poll() answers one overview (or
 * null); onOverview(overview) gets each; onMode('live' | 'reconnecting' | 'polling') says where they come from.
 */
export function live({ connect, poll, onOverview, onMode }) {
  let delay = 1000;
  let polling = null;
  const startPolling = () => {
    if (!polling) {
      onMode('polling');
      const once = () => poll().then((o) => o && onOverview(o)).catch(() => {});
      polling = setInterval(once, POLL_MS);
      once();
    }
  };
  const stopPolling = () => {
    clearInterval(polling);
    polling = null;
  };

  (async () => {
    for (;;) {
      let events = 0;
      const aborter = new AbortController();
      let watchdog;
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => aborter.abort(), SILENCE_MS);
      };
      try {
        alive();
        const response = await connect(aborter.signal);
        if (!response.ok || !response.body || !response.headers.get('Content-Type')?.includes('event-stream')) {
          throw new Error(`stream answered ${response.status}`);
        }
        await readEvents(response.body, (name, data) => {
          if (name !== 'overview') {
            return;
          }
          if (events++ === 0) {
            stopPolling();
            onMode('live');
            delay = 1000;
          }
          onOverview(JSON.parse(data));
        }, alive);
      } catch (e) {
        // ended below: no stream, a refused one, a stuck one aborted by the watchdog, or a network error
      } finally {
        clearTimeout(watchdog);
        aborter.abort();
      }
      if (events === 0) {
        startPolling();
      } else {
        onMode('reconnecting');
      }
      await sleep(delay + Math.random() * 500);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  })();
}
