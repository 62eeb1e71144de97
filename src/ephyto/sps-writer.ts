import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { RAM_NS, UDT_NS } from './sps-namespaces.js';
import type { Measure } from './phytosanitary-certificate.js';

/** Writes `ram:` elements; text elements carry the certificate's languageID when it has one. */
export class SpsWriter {
  constructor(private readonly language?: string) {}

  ele(parent: XMLBuilder, name: string): XMLBuilder {
    return parent.ele(RAM_NS, `ram:${name}`);
  }

  /** An identifier or code: never language-tagged. */
  code(parent: XMLBuilder, name: string, value: string | number | undefined, attributes: Record<string, string | undefined> = {}): void {
    if (value === undefined) return;
    const element = this.ele(parent, name);
    for (const [key, attr] of Object.entries(attributes)) if (attr !== undefined) element.att(key, attr);
    element.txt(String(value));
  }

  text(parent: XMLBuilder, name: string, value: string | undefined): void {
    if (value === undefined) return;
    const element = this.ele(parent, name);
    if (this.language) element.att('languageID', this.language);
    element.txt(value);
  }

  measure(parent: XMLBuilder, name: string, value: Measure | undefined): void {
    if (value === undefined) return;
    this.code(parent, name, value.value, { unitCode: value.unit });
  }

  /** Canonical dates are calendar dates; ISO 8601 in udt:DateTimeString keeps them as such. */
  dateTime(parent: XMLBuilder, name: string, value: string | undefined): void {
    if (value === undefined) return;
    this.ele(parent, name).ele(UDT_NS, 'udt:DateTimeString').txt(value);
  }

  note(parent: XMLBuilder, name: string, subject: string, content: string): void {
    const note = this.ele(parent, name);
    this.text(note, 'Subject', subject);
    this.text(note, 'Content', content);
  }
}
