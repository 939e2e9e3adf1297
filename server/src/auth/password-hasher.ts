import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes,
 * 1 lane (OWASP's minimum recommendation). Hashing runs on libuv's thread pool.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for anything that is not an argon2 hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification when there is no user to check against, so a wrong
 * e-mail answers as slowly as a wrong password.
 */
export async function verifyNobody(password: string): Promise<false> {
  dummyHash ??= hash('switchyard: nobody has this password');
  await verifyPassword(await dummyHash, password);
  return false;
}
