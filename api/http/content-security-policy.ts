// The Content-Security-Policy of everything the server sends (the web app, the API page, JSON),
// issue 15 item 17. Strict: scripts only from our own origin (no inline script, no eval), no
// plugins, no framing, no form posts or connections elsewhere. What the map needs, and why:
//   worker-src blob:   MapLibre GL starts its tile workers from a blob: URL of its bundled worker
//                      code (child-src for older browsers that do not know worker-src);
//   img-src data: blob: MapLibre decodes raster images and sprites through blobs; data: icons;
//   style-src 'self':  our CSS files; libraries that style elements do it through the CSSOM
//                      (element.style), which CSP does not restrict, so no 'unsafe-inline'.
// No 'wasm-unsafe-eval': nothing in the browser bundle compiles WebAssembly (HiGHS runs on the
// server). A response that sets its own policy (the printable report) keeps it.
// tests/browser/csp.test.ts visits every workspace and fails on any reported violation.
import type { secureHeaders } from 'hono/secure-headers';

type Directives = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']>;

export const CONTENT_SECURITY_POLICY: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The API documentation page (Swagger UI) adds <style> elements at run time: that page, and
 * only it, allows inline styles. Its scripts stay as strict as the app's.
 */
export const DOCS_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
