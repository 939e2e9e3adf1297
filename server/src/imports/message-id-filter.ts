/**
 * Which message ids an import may already have stored, in little memory: a scalable,
 * blocked Bloom filter. Each id sets 8 bits inside one 64-byte block (one cache line, so
 * a check or an add costs one memory access, not eight), 16 bits per id: about 2 MB per
 * million ids and under 0.5 % false positives per layer; a new layer twice the size when
 * one is full. `mightHave` false is certain (never added); true means "ask Postgres". So
 * an import of ten million new ids looks up a few in a thousand of them in the events
 * table (one index probe each) instead of every one.
 */
const PROBES = 8;
const BITS_PER_ID = 16;
/** 512-bit blocks: 16 words of 32 bits. */
const BLOCK_WORDS = 16;

class Layer {
  readonly words: Uint32Array;
  readonly blocks: number;
  count = 0;

  constructor(readonly capacity: number) {
    this.blocks = Math.max(1, Math.ceil((capacity * BITS_PER_ID) / (BLOCK_WORDS * 32)));
    this.words = new Uint32Array(this.blocks * BLOCK_WORDS);
  }

  has(first: number, second: number): boolean {
    const base = (first % this.blocks) * BLOCK_WORDS;
    const step = (second >>> 9) | 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (second + Math.imul(i, step)) & 511;
      if ((this.words[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  add(first: number, second: number): void {
    const base = (first % this.blocks) * BLOCK_WORDS;
    const step = (second >>> 9) | 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (second + Math.imul(i, step)) & 511;
      this.words[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
    this.count += 1;
  }
}

/** The two hashes of the last `hash` call (no tuple allocated per id). */
let h1 = 0;
let h2 = 0;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiplicative one). */
function hash(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  h1 = a >>> 0;
  h2 = b >>> 0;
}

export class MessageIdFilter {
  private readonly layers: Layer[] = [];

  constructor(private readonly firstCapacity = 1_000_000) {}

  mightHave(id: string): boolean {
    hash(id);
    return this.hashedIn();
  }

  add(id: string): void {
    hash(id);
    this.addHashed();
  }

  /** `mightHave(id)`, then `add(id)`, hashing once. */
  checkAndAdd(id: string): boolean {
    hash(id);
    const maybe = this.hashedIn();
    this.addHashed();
    return maybe;
  }

  private hashedIn(): boolean {
    for (let i = 0; i < this.layers.length; i++) if (this.layers[i]!.has(h1, h2)) return true;
    return false;
  }

  private addHashed(): void {
    let layer = this.layers[this.layers.length - 1];
    if (!layer || layer.count >= layer.capacity) {
      layer = new Layer(layer ? layer.capacity * 2 : this.firstCapacity);
      this.layers.push(layer);
    }
    layer.add(h1, h2);
  }

  get memoryBytes(): number {
    return this.layers.reduce((sum, layer) => sum + layer.words.byteLength, 0);
  }
}
