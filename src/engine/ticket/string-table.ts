/** Strings interned: each distinct one held once, by a small whole number (a Map: strings from a user's file are never object keys). */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  /** The string's id, given it one if it is new. */
  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(text, id);
      this.strings.push(text);
    }
    return id;
  }

  /** The string of an id. */
  text(id: number): string {
    return this.strings[id];
  }

  /** Distinct strings held. */
  get size(): number {
    return this.strings.length;
  }
}
