import { isSelectorString, type SessionCall, toSelector, trackedSelectors } from '../call.js';
import { InvalidInputError } from '../errors/index.js';
import type { StoredSession } from '../storage/types.js';

/**
 * starknet.js sends an entrypoint by name (it hashes whatever string it is given), so a call written
 * with a hex selector goes out under the name that selector belongs to: one of the session's policy
 * actions or a token entrypoint. A selector with no known name is refused here, before any signature.
 */
export function withEntrypointNames(
  calls: readonly SessionCall[],
  session: Pick<StoredSession, 'policy'>,
): SessionCall[] {
  if (!Array.isArray(calls)) return calls as SessionCall[];
  let names: Map<bigint, string> | undefined;
  return calls.map((call, i) => {
    const entrypoint = (call as Partial<SessionCall> | null)?.entrypoint;
    if (typeof entrypoint !== 'string' || !isSelectorString(entrypoint)) return call;
    const field = `calls[${i}].entrypoint`;
    names ??= knownNames(session);
    const name = names.get(toSelector(entrypoint, field));
    if (name === undefined)
      throw new InvalidInputError(field, `${field} is an unknown selector: pass the entrypoint name.`, {
        details: entrypoint,
      });
    return { ...call, entrypoint: name };
  });
}

/** Entrypoint names by selector: the token entrypoints and the policy's actions (as the dApp wrote them). */
function knownNames(session: Pick<StoredSession, 'policy'>): Map<bigint, string> {
  const actions = (session.policy as { actions?: unknown } | undefined)?.actions;
  const out = new Map<bigint, string>(trackedSelectors());
  for (const action of Array.isArray(actions) ? actions : []) {
    const name = (action as { entrypoint?: unknown } | null)?.entrypoint;
    if (typeof name !== 'string' || isSelectorString(name)) continue;
    try {
      out.set(toSelector(name), name);
    } catch {
      // not an identifier: never a name starknet.js could send
    }
  }
  return out;
}
