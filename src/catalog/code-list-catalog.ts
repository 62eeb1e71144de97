import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../platform/project-root.js';

export interface CodeListEntry {
  code: string;
  name: string;
  [detail: string]: unknown;
}

export interface CodeList {
  name: string;
  title: string;
  source: string;
  /** The validation error code for a value missing from this list. */
  unknownCode?: string;
  /** Compare only the first characters of a value (HS headings: 4 of a 6 to 10 digit code). */
  matchLength?: number;
  entries: CodeListEntry[];
}

/** The code lists under `schemas/code-lists/`, read once at start-up, with fast membership tests. */
export class CodeListCatalog {
  private readonly codes = new Map<string, Set<string>>();

  private constructor(private readonly lists: Map<string, CodeList>) {
    for (const list of lists.values()) this.codes.set(list.name, new Set(list.entries.map((entry) => entry.code)));
  }

  static load(directory = path.join(schemasDir, 'code-lists')): CodeListCatalog {
    const lists = new Map<string, CodeList>();
    for (const file of readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const list = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as CodeList;
      if (list.name !== path.basename(file, '.json')) throw new Error(`${file}: name "${list.name}" must match the file name`);
      lists.set(list.name, list);
    }
    return new CodeListCatalog(lists);
  }

  get(name: string): CodeList | undefined {
    return this.lists.get(name);
  }

  names(): string[] {
    return [...this.lists.keys()];
  }

  /** Whether a value is in the list, compared on the list's match length when it has one. */
  includes(name: string, value: string): boolean {
    const list = this.lists.get(name);
    const codes = this.codes.get(name);
    if (!list || !codes) throw new Error(`unknown code list ${name}`);
    return codes.has(list.matchLength ? value.slice(0, list.matchLength) : value);
  }
}
