/**
 * Resolves after the current macrotask, once the messages already waiting in the event loop
 * have been dispatched: a cancel that arrived together with a newer request is seen before the
 * older request starts. `setImmediate` where it exists (Node), else a MessageChannel (not
 * clamped to 4 ms like nested `setTimeout` in browsers), else `setTimeout`.
 */
export function yieldToMacrotask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') return new Promise((resolve) => channelTick(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function channelTick(callback: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(callback);
  channel.port2.postMessage(null);
}
