import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecordFormatError } from '../../../src/records/formats/errors';
import { type TemplateSpec, templateFormat } from '../../../src/records/formats/template';
import { type EmitterSchema, type EventRecord, Timestamp } from '../../../src/records/formats/types';
import { SHARED } from '../../support/paths';
import { describeWithShared } from '../../support/shared';

const IMPLY = resolve(SHARED, 'fixtures/imply');
const E: EmitterSchema = { name: 'e', fields: [] };
const T = new Timestamp(Date.UTC(2024, 0, 5, 7, 8, 9, 250), 0);

function render(body: string, record: EventRecord = {}, env: NodeJS.ProcessEnv = {}, header?: string) {
  const spec: TemplateSpec = header === undefined ? { body } : { body, header };
  const format = templateFormat({ t: spec }, 't', env)();
  return { line: format.line(record, E), header: format.header() };
}

describe('v3 templates', () => {
  it('renders fields, Python datetime members, conditions and filters', () => {
    const body =
      "{{ time.strftime('%b %d %H:%M:%S') }} {{ time.timestamp()|int }} {{ time.year }} {% if n > 1 %}many{% else %}one{% endif %} {{ name|upper }}";
    expect(render(body, { time: T, n: 2, name: 'ann' }).line).toBe(
      'Jan 05 07:08:09 1704438489 2024 many ANN',
    );
  });

  it("prints a time as Python's str() and reads nested fields and list items", () => {
    expect(
      render('{{ time }} {{ geo.city }} {{ tags[1] }}', { time: T, geo: { city: 'Oslo' }, tags: ['a', 'b'] })
        .line,
    ).toBe('2024-01-05 07:08:09.250000+00:00 Oslo b');
  });

  it('prints undefined and null as nothing and does not escape HTML', () => {
    expect(
      render('[{{ nope }}][{{ x }}][{{ nope.deeper }}]{{ html }}', { x: null, html: '<a&"b">' }).line,
    ).toBe('[][][]<a&"b">');
  });

  it('reads env.NAME and env.get(NAME, default)', () => {
    expect(render("{{ env.INDEX }}/{{ env.get('MISSING', 'dflt') }}", {}, { INDEX: 'main' }).line).toBe(
      'main/dflt',
    );
  });

  it('renders the header once, with env only', () => {
    const { header, line } = render('{{ a }}', { a: 1 }, { HOST: 'h1' }, 'host={{ env.HOST }} a={{ a }}');
    expect(header).toBe('host=h1 a=');
    expect(line).toBe('1');
    expect(render('{{ a }}').header).toBeUndefined();
  });

  it('drops one trailing newline of the body, as Jinja2 does', () => {
    expect(render('{{ a }}\n', { a: 1 }).line).toBe('1');
  });

  it('supports set, for loops and macros', () => {
    const body =
      '{% set sep = "," %}{% for t in tags %}{{ loop.index }}{{ t }}{{ sep if not loop.last }}{% endfor %}';
    expect(render(body, { tags: ['x', 'y'] }).line).toBe('1x,2y');
    expect(render('{% macro b(v) %}<{{ v }}>{% endmacro %}{{ b(a) }}', { a: 3 }).line).toBe('<3>');
  });

  describe('gives templates nothing but the record and env', () => {
    it.each([
      ["{{ s.constructor.constructor('return process')() }}", { s: 'x' }],
      ["{{ constructor.constructor('return process')() }}", {}],
      ["{{ range.constructor('return process')() }}", {}],
      ['{{ cycler }}{{ joiner }}{{ range }}', {}],
      ['{{ o.__proto__ }}{{ o.toString }}{{ o.hasOwnProperty }}', { o: { a: 1 } }],
      ["{{ time.constructor.constructor('return process')() }}", { time: T }],
      ["{{ env.get.constructor('return process')() }}", {}],
      ['{{ tags.length }}{{ tags.push }}{{ s.length }}{{ s.toUpperCase }}', { tags: [1], s: 'ab' }],
    ])('%s', (body, record) => {
      let out: string | undefined;
      try {
        out = render(body, record as EventRecord).line;
      } catch (err) {
        // Calling nothing is an error naming the template, never an escape.
        expect(err).toBeInstanceOf(RecordFormatError);
        expect((err as Error).message).toMatch(/^template 't': /);
        return;
      }
      expect(out).toBe('');
    });

    it('cannot include, import or extend other templates', () => {
      for (const body of ["{% include '/etc/passwd' %}", "{% import 'x' as y %}", "{% extends 'base' %}"]) {
        expect(() => render(body)).toThrow(/^template 't': .*(not found|no loader)/i);
      }
    });
  });

  it.each([
    ['{{ a ', /^template 't': .*expected variable end/],
    ['{{ env.NOT_SET }}', /^template 't': env\.NOT_SET is not set$/],
    ['{% if a %}', /^template 't': .*unknown|expected|end/i],
  ])('refuses %s when loaded, naming the template', (body, message) => {
    expect(() => templateFormat({ t: { body } }, 't', {})).toThrow(message);
  });

  it('names the header in header errors', () => {
    expect(() => templateFormat({ t: { body: '', header: '{{ env.H }}' } }, 't', {})).toThrow(
      "template 't' header: env.H is not set",
    );
  });

  it('suggests the closest template name and lists what there is', () => {
    expect(() => templateFormat({ linux_secure: { body: '' } }, 'linux_secur', {})).toThrow(
      "template 'linux_secur' is not in the config's templates (did you mean 'linux_secure'?); it has 'linux_secure'",
    );
    expect(() => templateFormat(undefined, 'x', {})).toThrow(RecordFormatError);
  });

  it('names the template in errors while rendering', () => {
    const format = templateFormat({ t: { body: '{{ f() }}' } }, 't', {})();
    expect(() => format.line({}, E)).toThrow(/^template 't': Unable to call `f`/);
  });
});

describeWithShared('the reference v3 config', () => {
  it('renders linux_secure from ssh_auth.json as syslog lines', () => {
    const config = JSON.parse(readFileSync(join(IMPLY, 'ssh_auth.json'), 'utf8')) as {
      templates: Record<string, TemplateSpec>;
    };
    const format = templateFormat(config.templates, 'linux_secure', {})();
    const base = { time: T, hostname: 'web01', pid: 4242, user: 'root', src_ip: '10.0.0.7', src_port: 50022 };
    expect(format.line({ ...base, action: 'Failed password', line_type: 'auth' }, E)).toBe(
      'Jan 05 07:08:09 web01 sshd[4242]: Failed password for root from 10.0.0.7 port 50022 ssh2',
    );
    expect(format.line({ ...base, action: 'session opened', line_type: 'session' }, E)).toBe(
      'Jan 05 07:08:09 web01 sshd[4242]: pam_unix(sshd:session): session opened for user root',
    );
  });
});
