import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every response. The client is self-hosted and bundled, so the policy
 * allows only this origin: scripts from files (no inline script, no eval), connections to this
 * origin's HTTP and WebSocket endpoints, fonts and images from here or data: URLs. Inline styles
 * stay allowed because the editor positions carets and menus with style attributes.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers ws: and wss: to this host (CSP level 3).
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The app is served over plain http on a venue laptop as often as behind TLS.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
