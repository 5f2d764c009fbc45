/**
 * A request's body, parsed (and refused with a 400) when called. A service calls it once it knows
 * the caller may make the request and that what the path names exists, so someone without the
 * right is told so (403, 404) rather than what is wrong with a body they may not send anyway.
 */
export type ReadBody<T> = () => T;

/** A request's query string, read the same way and for the same reason as its body (ReadBody). */
export type ReadQuery<T> = () => T;
