/** The checks of `validate telemetry`, in report order. */
import { Check } from '../report';

export function telemetryChecks() {
  return {
    readme: new Check('readme', 'README.md front matter: glcp_customer_id, devices, data, update'),
    schema: new Check('schema', 'header, field count, quoting, types and no empty values'),
    coherence: new Check(
      'coherence',
      'every sn is in the inventory, with its model, product_id and location',
    ),
    dictionaries: new Check('dictionaries', 'types, locations and (name, unit) among the agreed ones'),
    ranges: new Check('ranges', 'each measurement value within its range'),
    timeGrid: new Check(
      'time grid',
      'on the interval grid within fuzz, end - start = interval, inside the file date',
    ),
    fileNames: new Check('file names', 'each data file is named for the date (or hour) of its rows'),
    uniqueness: new Check('uniqueness', 'one row per (sn, time slot, measurement)'),
    order: new Check('order', 'rows of each file sorted by (time slot, sn, name), as generated'),
    rowCount: new Check('row count', 'rows = slots x measurements x devices'),
    completeness: new Check('completeness', 'every inventory device reports in every slot'),
  };
}

export type TelemetryChecks = ReturnType<typeof telemetryChecks>;
