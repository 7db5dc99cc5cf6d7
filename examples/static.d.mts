import type { IncomingMessage, ServerResponse } from 'node:http';
/** Connect-style static middleware for built files under `dir`. */
export default function serveStatic(dir: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
