/**
 * The parts of a full apology, shared by the apology builder (journey) and the language coach.
 * Responsibility and an offer of repair matter most to whether an apology restores trust
 * (Lewicki, Polin & Lount, 2016, "An exploration of the structure of effective apologies").
 */
export const APOLOGY_COMPONENTS = ['regret', 'responsibility', 'impact', 'change', 'repair', 'forgiveness'] as const;

export type ApologyComponent = (typeof APOLOGY_COMPONENTS)[number];

export function isApologyComponent(value: string): value is ApologyComponent {
  return (APOLOGY_COMPONENTS as readonly string[]).includes(value);
}
