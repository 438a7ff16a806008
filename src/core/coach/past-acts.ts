/** Shared by the apology rules and the model's head guards (head-guards.ts). */

/** Past forms that are a thought, a wish or the writer's own way to the apology, not a wrong. */
export const NOT_A_WRONG =
  String.raw`suffered|felt|thought|wanted|needed|hoped|wished|reali[sz]ed|noticed|learned|guessed|supposed|believed|assumed|loved|liked|tried|asked|decided|worried|meant|expected|seemed|prayed|agreed|promised|started|appreciated|apologi[sz]ed|called|texted you back|mentioned|explained|wondered|imagined|pictured|cared|missed you|used to|walked|waited|prayed|reflected|journall?ed|cried|reread|re-read|stayed (?:awake|up)|listened to (?:your|the|my)|talked (?:it|things|this) (?:over|through)|talked to (?:my|a|our)|opened up|relied`;
