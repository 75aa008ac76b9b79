/** The playbook's three coverage tiers, lowest touch first. */
export const TIERS = ['Tech Touch', 'Low Touch', 'High Touch'] as const;
export type Tier = (typeof TIERS)[number];

export const DEFAULT_HIGH_FROM = 100_000;
export const DEFAULT_LOW_FROM = 15_000;

/** 0 = Tech, 1 = Low, 2 = High. */
export type TierLevel = 0 | 1 | 2;

export function baseTierLevel(arr: number, highFrom = DEFAULT_HIGH_FROM, lowFrom = DEFAULT_LOW_FROM): TierLevel {
  return arr >= highFrom ? 2 : arr >= lowFrom ? 1 : 0;
}

/**
 * Raise the ARR tier by at most one step when complexity or strategic value points higher.
 * `pointers` are the tier levels the qualitative inputs map to (undefined when not given).
 */
export function raisedTierLevel(base: TierLevel, ...pointers: (TierLevel | undefined)[]): TierLevel {
  let highest = -1;
  for (const p of pointers) if (p !== undefined && p > highest) highest = p;
  return highest > base ? ((base + 1) as TierLevel) : base;
}

export function tierName(level: TierLevel): Tier {
  return TIERS[level];
}

/** CS_TIER without optional inputs: the bench's kernel. */
export function tierForArr(arr: number, highFrom = DEFAULT_HIGH_FROM, lowFrom = DEFAULT_LOW_FROM): Tier {
  return TIERS[baseTierLevel(arr, highFrom, lowFrom)];
}

/** Complexity words → tier level. */
export const COMPLEXITY_LEVELS: Record<string, TierLevel> = { high: 2, medium: 1, low: 0 };
/** Strategic value words → tier level. */
export const STRATEGIC_LEVELS: Record<string, TierLevel> = { high: 2, 'high potential': 2, standard: 1, transactional: 0 };

/** Segment named after each tier in the playbook's coverage table. */
export const SEGMENT_OF_TIER: Record<Tier, Segment> = {
  'High Touch': 'Enterprise',
  'Low Touch': 'Mid-market',
  'Tech Touch': 'SMB',
};

export const SEGMENTS = ['Enterprise', 'Mid-market', 'SMB'] as const;
export type Segment = (typeof SEGMENTS)[number];
