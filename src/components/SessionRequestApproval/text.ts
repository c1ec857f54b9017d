/** What a user reads in the request approval (one place, so it can be translated). */
export interface SessionRequestText {
  unverifiedTitle: string;
  unverifiedBody: (name: string, origin: string | undefined) => string;
  unverified: string;
  agentKey: string;
  invalidTitle: string;
  disconnectedTitle: string;
  disconnectedBody: string;
  wrongChainTitle: string;
  wrongChainBody: (requested: string, wallet: string) => string;
  wrongAccountTitle: string;
  wrongAccountBody: (requested: string, connected: string) => string;
  approvedTitle: string;
  approvedBody: (name: string) => string;
  transaction: string;
  close: string;
}

export const defaultRequestText: SessionRequestText = {
  unverifiedTitle: 'Who is asking is not verified',
  unverifiedBody: (name, origin) =>
    `This link says it comes from "${name}"${origin ? ` (${origin})` : ''}. Anyone can write any name in a link: approve only a request you started yourself.`,
  unverified: 'unverified',
  agentKey: 'Agent key',
  invalidTitle: 'This request link cannot be used',
  disconnectedTitle: 'Connect your wallet',
  disconnectedBody:
    'Connect the wallet of the account that should grant this session, then review the request.',
  wrongChainTitle: 'Wrong network',
  wrongChainBody: (requested, wallet) =>
    `The request is for network ${requested}, your wallet is on ${wallet}. Switch networks in your wallet.`,
  wrongAccountTitle: 'Wrong account',
  wrongAccountBody: (requested, connected) =>
    `The request is for account ${requested}; the connected account is ${connected}. Switch accounts in your wallet.`,
  approvedTitle: 'Session granted',
  approvedBody: (name) =>
    `${name} can now act within these limits, with no further prompt. You can revoke it at any time.`,
  transaction: 'Transaction',
  close: 'Close',
};
