/**
 * jsdom has no TextEncoder and TextDecoder, which viem needs (the test wallet signs with a viem
 * local account): Node's are the same Web API.
 */
const { TextDecoder, TextEncoder } = require( 'node:util' );

globalThis.TextEncoder ??= TextEncoder;
globalThis.TextDecoder ??= TextDecoder;
