import { QueryClient } from '@tanstack/react-query';
import { invalidateSessionQueries } from './mutation.js';

describe('invalidateSessionQueries', () => {
  it('marks every session state and session list stale, and nothing else', () => {
    const queryClient = new QueryClient();
    const scope = { chainId: '0x1', accountAddress: '0xa', appId: 'app' };
    const keys = [
      ['sessionState', { ...scope, publicKey: '0x1' }],
      ['sessionState', { ...scope, publicKey: undefined }],
      ['sessions', scope],
      ['sessionSupport', { chainId: '0x1', accountAddress: '0xa' }],
    ];
    for (const key of keys) queryClient.setQueryData(key, {});
    invalidateSessionQueries(queryClient);
    expect(keys.map((key) => queryClient.getQueryState(key)?.isInvalidated)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
