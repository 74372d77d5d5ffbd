/**
 * Pub/sub channel names travel in a URL path on Upstash's streaming endpoint (`/subscribe/<channel>`),
 * so both stores refuse names that a path would mangle — a name that works in embedded mode then works
 * against Redis too.
 */
export function assertChannelName(channel: string): void {
  if (channel === "" || /[\s/?#%]/.test(channel)) {
    throw new Error(`coordination: channel name must be non-empty, without whitespace, "/", "?", "#" or "%": ${JSON.stringify(channel)}`);
  }
}
