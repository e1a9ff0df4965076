/** Web Crypto, present in browsers and Node ≥ 19 (typed here because the engine has no DOM types). */
interface WebCrypto {
  randomUUID?: () => string;
  getRandomValues: (array: Uint8Array) => Uint8Array;
}

/** A random id: a UUID where Web Crypto has one, else 32 random hex digits. */
export function randomId(): string {
  const crypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // Insecure contexts (plain http) lack randomUUID; getRandomValues is still there.
  const bytes = new Uint8Array(16);
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
