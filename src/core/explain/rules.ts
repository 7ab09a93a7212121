import { en, type Messages } from './messages/en';

/**
 * The tracker records each state change's RFC rule as English text (StateChange.rule). To say it
 * in another language, the text is recognised here and looked up in that language's `rule`
 * table: the fixed texts by exact match with the English table (which mirrors the tracker word
 * for word), the two with a frame number by pattern. A text not recognised (a rule added to the
 * tracker later) is shown as the tracker wrote it rather than lost.
 */
type RuleKey = keyof Messages['rule'];
type FixedKey = { [K in RuleKey]: Messages['rule'][K] extends string ? K : never }[RuleKey];

const FIXED = new Map<string, FixedKey>();
for (const k of Object.keys(en.rule) as RuleKey[]) {
  const v = en.rule[k];
  if (typeof v === 'string') FIXED.set(v, k as FixedKey);
}

const FINS_CROSSED = /^RFC 9293 §3\.10\.7\.4: the peer's FIN \(frame (\d+)\) crossed ours/;
const SYNS_CROSSED = /^RFC 9293 §3\.10\.7\.3: the peer's SYN \(frame (\d+)\) crossed ours/;

/** The rule in `m`'s language, or null when the tracker's text is not one we know. */
export function knownRule(text: string, m: Messages): string | null {
  const k = FIXED.get(text);
  if (k) return m.rule[k];
  let g = FINS_CROSSED.exec(text);
  if (g) return m.rule.finsCrossed({ frame: Number(g[1]) });
  g = SYNS_CROSSED.exec(text);
  if (g) return m.rule.synsCrossed({ frame: Number(g[1]) });
  return null;
}

export function ruleText(text: string, m: Messages): string {
  return knownRule(text, m) ?? text;
}
