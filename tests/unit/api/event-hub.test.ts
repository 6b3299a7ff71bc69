import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../api/domain/events/event-hub';

describe('event buffer for Last-Event-ID resume', () => {
  const hub = () => new EventHub({ client: {}, bufferSize: 3 });

  it('replays only the events after the given id', () => {
    const h = hub();
    h.publish('status', 'a');
    h.publish('status', 'b');
    h.publish('status', 'c');
    const first = h.since(`${h.since('x-0')[0]!.id.split('-')[0]}-1`);
    expect(first.map((e) => e.data)).toEqual(['b', 'c']);
  });

  it('says reset when the id fell out of the bounded buffer, instead of silently skipping changes', () => {
    const h = hub();
    for (const d of ['a', 'b', 'c', 'd', 'e']) h.publish('status', d);
    const epoch = h.since('x-0')[0]!.id.split('-')[0];
    expect(h.since(`${epoch}-1`).map((e) => e.event)).toEqual(['reset']);
    expect(h.since(`${epoch}-3`).map((e) => e.data)).toEqual(['d', 'e']);
  });

  it('says reset for an id from before a restart', () => {
    const h = hub();
    h.publish('status', 'a');
    expect(h.since('oldepoch-1').map((e) => e.event)).toEqual(['reset']);
  });
});
