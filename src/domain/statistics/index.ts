// Intervals and fail-closed decisions for every measured rate (see README: "Measured checks
// decide with their uncertainty").
export { normalCdf, normalQuantile, zTwoSided } from './normal.js'
export { type Interval } from './interval.js'
export { wilsonInterval, wilsonBounds, wilsonBoundsAt } from './wilson.js'
export { newcombeDifference, absoluteDifference } from './newcombe.js'
export { katzRatio } from './ratio.js'
export { pairedCounts, pairedDifference, mcnemarExact, nonInferiorityMinimumItems, type PairedCounts } from './paired.js'
export { decide, moreCasesToDecide, straddleReason, type Decision, type Direction, type Outcome } from './decision.js'
export { sequentialPlan, sampleSequentially, decideAtLook, perCategoryAlpha, DEFAULT_SPENDING_RHO, type SequentialPlan, type SequentialOutcome } from './sequential.js'
export { seededUniform } from './prng.js'
