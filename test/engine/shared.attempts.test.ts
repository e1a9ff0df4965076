import { retriedIds } from '../../packages/engine/src/shared/shared.attempts';

describe('retriedIds', () => {
  it('given a write that failed › the same write tried again has the same id; once it succeeds, the next is new', async () => {
    let n = 0;
    const attempts = retriedIds(() => `id-${++n}`);
    const seen: string[] = [];
    const failing = (id: string) => {
      seen.push(id);
      return Promise.reject(new Error('lost'));
    };
    const landing = (id: string) => {
      seen.push(id);
      return Promise.resolve(id);
    };
    await expect(attempts.write('reply:a:Hello', failing)).rejects.toThrow('lost');
    await expect(attempts.write('reply:a:Hello', landing)).resolves.toBe('id-1');
    // Another write meanwhile has its own id; the first, sent again after success, is a new one.
    await expect(attempts.write('reply:b:Hello', landing)).resolves.toBe('id-2');
    await expect(attempts.write('reply:a:Hello', landing)).resolves.toBe('id-3');
    expect(seen).toEqual(['id-1', 'id-1', 'id-2', 'id-3']);
  });

  it('given more failed writes than it keeps › the oldest is forgotten first', async () => {
    let n = 0;
    const attempts = retriedIds(() => `id-${++n}`);
    const fail = () => Promise.reject(new Error('down'));
    for (let i = 0; i < 101; i++) await attempts.write(`w${i}`, fail).catch(() => undefined);
    await expect(attempts.write('w100', (id) => Promise.resolve(id))).resolves.toBe('id-101');
    await expect(attempts.write('w0', (id) => Promise.resolve(id))).resolves.toBe('id-102');
  });
});
