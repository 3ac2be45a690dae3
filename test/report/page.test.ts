/** The page around the charts: the run block, warnings and figures, with every text escaped. */
import { renderHtml } from '../../src/report/html';

describe('renderHtml', () => {
  it('shows the run block, the window warning and the figures, escaping names', () => {
    const html = renderHtml({
      title: '<a> vs b',
      run: {
        headers: ['', 'A: <a>', 'B: b'],
        rows: [['command line', 'clusterman simulate --name "<a>"', 'x']],
      },
      warnings: ['the windows differ: <a> covers …'],
      figures: {
        headers: ['figure', 'A: <a>', 'B: b', 'A / B'],
        rows: [['total cost', '$2.00', '$1.00', '×2.00']],
      },
      charts: [],
    });
    expect(html).toContain('<h1>&lt;a&gt; vs b</h1>');
    expect(html).toContain('<th>A: &lt;a&gt;</th>');
    expect(html).toContain('<td><code>clusterman simulate --name &quot;&lt;a&gt;&quot;</code></td>');
    expect(html).toContain('<p class="warning">Warning: the windows differ: &lt;a&gt; covers …</p>');
    expect(html).toContain('<td>total cost</td><td>$2.00</td><td>$1.00</td><td>×2.00</td>');
    expect(html).not.toContain('<a>');
  });
});
