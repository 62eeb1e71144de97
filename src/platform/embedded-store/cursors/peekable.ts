/** An iterator that can look one item ahead, so a batch can stop before an item without losing it. */
export class Peekable<T> {
  private buffered: { value: T } | undefined;
  private done = false;

  constructor(private readonly source: Iterator<T>) {}

  peek(): { value: T } | undefined {
    if (!this.buffered && !this.done) {
      const next = this.source.next();
      if (next.done) this.done = true;
      else this.buffered = { value: next.value };
    }
    return this.buffered;
  }

  take(): T | undefined {
    const item = this.peek();
    this.buffered = undefined;
    return item?.value;
  }
}
