import { readFileSync } from 'node:fs';

export interface RefusedTest {
  readonly file: string;
  readonly test: string;
  /** A short category (collation, let, $out, runOnRequirements...), counted in the docs. */
  readonly reason: string;
  readonly detail?: string;
}

/** refused.json: every test of the fixtures that is skipped or allowed to fail, and why. */
export class RefusedList {
  private readonly byKey = new Map<string, RefusedTest>();

  constructor(readonly entries: readonly RefusedTest[]) {
    for (const entry of entries) {
      const key = RefusedList.key(entry.file, entry.test);
      if (this.byKey.has(key)) throw new Error(`refused.json lists ${entry.file}: "${entry.test}" twice`);
      this.byKey.set(key, entry);
    }
  }

  static load(path: string): RefusedList {
    return new RefusedList((JSON.parse(readFileSync(path, 'utf8')) as { tests: RefusedTest[] }).tests);
  }

  static key(file: string, test: string): string {
    return `${file}\u0000${test}`;
  }

  lookup(file: string, test: string): RefusedTest | undefined {
    return this.byKey.get(RefusedList.key(file, test));
  }
}
