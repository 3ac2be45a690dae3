/** generate-data's hint for Python clusterman users: its simulator reads jsonpickle only, our default is json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMetricsFile } from '../../src/metrics/read';
import { cli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const HINT =
  "Hint: Python clusterman's simulator reads only jsonpickle files: add --format jsonpickle for it.";
const DESIGN = `
metadata:
  spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge:
    start_time: 2017-12-01T08:00:00Z
    end_time: 2017-12-01T08:10:00Z
    frequency: 1m
    values: 1
`;

let runs = 0;
function generate(name: string, ...extra: string[]) {
  const dir = tmp.file(`run-${runs++}`);
  mkdirSync(dir, { recursive: true });
  const design = join(dir, 'design.yaml');
  writeFileSync(design, DESIGN);
  const output = join(dir, name);
  return { output, res: cli(['generate-data', '-i', design, '-o', output, '--seed', '1', ...extra]) };
}

describe('generate-data: the jsonpickle hint', () => {
  it.each(['metrics.json.gz', 'clusterman-input.json.gz'])(
    'is said once on stderr when the default json goes to %s',
    (name) => {
      const { res } = generate(name);
      expect(res.status).toBe(0);
      expect(res.stderr.trim()).toBe(HINT);
    },
  );

  it('is not said with --format given, and --format jsonpickle writes the format clusterman reads', async () => {
    const { output, res } = generate('metrics.json.gz', '--format', 'jsonpickle');
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    expect((await readMetricsFile(output)).format).toBe('jsonpickle');
  });

  it('is not said for other names, nor with --quiet', () => {
    expect(generate('load.json.gz').res.stderr).toBe('');
    expect(generate('metrics.json.gz', '--quiet').res.stderr).toBe('');
  });
});
