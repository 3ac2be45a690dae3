/**
 * The content blocks of a session: page, search, media (video, audio, image), module and exam, and the
 * loyalty records they lead to (milestones and levels). Times follow the reference; its fixes: the page count
 * reads its max key (bug 7), module progress is a percentage and module milestones count toward e-learning
 * (bug 9), and integer ranges include their upper end (bug 17).
 */
import type { SessionBuilder } from './builder';
import type { CatalogItem } from './catalog';
import type { Context } from './context';
import { floatIn, intIn, uuid } from './draw';
import type { EventType, ProfileConfig } from './types';
import { WORDS } from './words';

const word = (b: SessionBuilder): string => WORDS[b.rng.randbelow(WORDS.length)] as string;

function pickItem(b: SessionBuilder, items: readonly CatalogItem[]): CatalogItem | undefined {
  return items.length === 0 ? undefined : items[b.rng.randbelow(items.length)];
}

export function runBlock(ctx: Context, b: SessionBuilder, p: ProfileConfig, type: EventType): void {
  const props = p.events[type];
  switch (type) {
    case 'page':
      return pages(b, props);
    case 'search':
      return search(ctx, b, props);
    case 'video':
    case 'audio':
    case 'image':
      return media(ctx, b, type, props);
    case 'module':
      return moduleBlock(ctx, b);
    case 'exam':
      return exam(ctx, b, props);
  }
}

function pages(b: SessionBuilder, props: Readonly<Record<string, number>>): void {
  const n = intIn(b.rng, props.page_count_per_session_min ?? 1, props.page_count_per_session_max ?? 5);
  for (let i = 0; i < n; i++) {
    const duration = floatIn(b.rng, props.duration_seconds_min ?? 30, props.duration_seconds_max ?? 60);
    b.wait(duration);
    const w = word(b);
    b.log('page', 'core', {
      path: `https://www.example.org/${w}/${b.rng.randbelow(100)}`,
      title: `${w} ${word(b)}`,
      duration,
    });
  }
}

function search(ctx: Context, b: SessionBuilder, props: Readonly<Record<string, number>>): void {
  const n = intIn(b.rng, props.page_count_per_session_min ?? 1, props.page_count_per_session_max ?? 5);
  const id = uuid(b.rng);
  const query = `${word(b)} ${word(b)}`;
  for (let page = 0; page < n; page++) {
    const count = intIn(b.rng, 0, props.results_per_page_max ?? 10);
    const results = [];
    for (let i = 0; i < count; i++) {
      const item = ctx.shop[b.rng.randbelow(Math.max(1, ctx.shop.length))];
      if (item) results.push({ id: item.id, type: item.type });
    }
    b.log('search', 'core', { id, query, results_list: results, page });
    b.wait(floatIn(b.rng, props.duration_seconds_min ?? 30, props.duration_seconds_max ?? 60));
  }
}

function media(
  ctx: Context,
  b: SessionBuilder,
  type: 'video' | 'audio' | 'image',
  props: Readonly<Record<string, number>>,
): void {
  const item = pickItem(b, ctx.catalogs[`media_${type}`]);
  if (!item) return;
  const id = `${type}_${item.id}`;
  const lengthMs = Math.round(item.length * 1000);
  b.catalog(item);
  b.log('media', 'core', { type, id, id_source: 'catalog', action: 'impression', time: 0 });
  b.wait(floatIn(b.rng, 0.5, 5));
  b.log('media', 'core', { type, id, id_source: 'catalog', action: 'play', time: 0 });
  b.wait(intIn(b.rng, props.duration_seconds_min ?? 30, props.duration_seconds_max ?? 60));
  if (type === 'image') return;
  if (b.rng.random() < (props.pause_probability ?? 0.3)) {
    b.log('media', 'core', {
      type,
      id,
      id_source: 'catalog',
      action: 'pause',
      time: Math.round(lengthMs * b.rng.random() * 0.6),
    });
    b.wait(floatIn(b.rng, 0.5, 5));
  }
  b.log('media', 'core', { type, id, id_source: 'catalog', action: 'finish', time: lengthMs });
}

/** A module view's props per module and progress (0-99), made once: running sessions hold many of them. */
const moduleViews = new WeakMap<CatalogItem, string[]>();

function moduleView(item: CatalogItem, progress: number): string {
  let texts = moduleViews.get(item);
  if (!texts) moduleViews.set(item, (texts = []));
  return (texts[progress] ??= JSON.stringify({ id: item.id, action: 'view', progress }));
}

function moduleBlock(ctx: Context, b: SessionBuilder): void {
  const item = pickItem(b, ctx.catalogs.module);
  if (!item) return;
  const end = b.t + Math.round(item.length * 1e6);
  const start = b.t;
  while (b.t < end) {
    b.logJson('module', 'e-learning', moduleView(item, Math.floor((100 * (b.t - start)) / (end - start))));
    b.wait(intIn(b.rng, 300, 600));
  }
  b.log('module', 'e-learning', { id: item.id, action: 'complete', progress: 100 });
  score(b, 'e-learning', 10);
}

function exam(ctx: Context, b: SessionBuilder, props: Readonly<Record<string, number>>): void {
  const item = pickItem(b, ctx.catalogs.exam);
  if (!item) return;
  const start = b.t;
  b.log('exam', 'e-learning', { id: item.id, action: 'start' });
  let answered = 0;
  for (let q = 0; q < item.questions; q++) {
    if (b.rng.random() < (props.abort_probability ?? 0.3)) break;
    b.wait(intIn(b.rng, 10, 60));
    const skip = b.rng.random() < (props.skip_probability ?? 0.1);
    if (!skip) answered++;
    b.log(
      'question',
      'e-learning',
      {
        id: `${item.id}-q${q}`,
        exam_id: item.id,
        action: skip ? 'skip' : 'answer',
        answer_id: skip ? null : `a${b.rng.randbelow(4)}`,
      },
      true,
    );
  }
  b.wait(floatIn(b.rng, 2, 10));
  b.log('exam', 'e-learning', { id: item.id, action: 'submit', duration: Math.round((b.t - start) / 1e6) });
  const passed = b.rng.random() < (props.pass_probability ?? 0.7) * (1 - item.difficulty);
  const share = item.questions === 0 ? 0 : answered / item.questions;
  const s = Math.round(100 * share * (passed ? floatIn(b.rng, 0.6, 1) : floatIn(b.rng, 0, 0.6)));
  b.wait(1);
  b.log('exam', 'e-learning', { id: item.id, action: 'result', score: s, is_passed: passed });
  if (passed) score(b, 'e-learning', 20);
}

/** Milestone k of a block needs 50 x 1.5^k points; each milestone also moves the user up a level. */
export function score(b: SessionBuilder, block: string, points: number): void {
  const u = b.user;
  u.scores[block] = (u.scores[block] ?? 0) + points;
  let k = u.milestones[block] ?? 0;
  while ((u.scores[block] as number) >= 50 * 1.5 ** k) {
    b.log('milestone', 'loyalty', { id: `${block}-${k}`, action: 'achieved' });
    b.log('level', 'loyalty', { prev_level: u.level, new_level: u.level + 1 });
    u.level++;
    k++;
  }
  u.milestones[block] = k;
}
