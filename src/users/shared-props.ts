/**
 * A props text that many records share (an item record's, per shop item, day and action), with its csv field
 * made once as bytes: the csv writer copies them whole instead of escaping the same text again per record.
 */
import { csvField } from './records';

export class SharedProps {
  /** `csvField(text)` as UTF-8 */
  readonly csv: Uint8Array;

  constructor(readonly text: string) {
    this.csv = Buffer.from(csvField(text), 'utf8');
  }
}
