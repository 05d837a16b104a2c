// A run's outcome as data: what the runner writes and the reporters render.
export type { CrashRecord, Expectation, ScenarioResult, Timeline, TimelineEvent, TimelineFault, TimelinePoint, Verdict } from './scenario-result.ts'
export { timelineFromPlan, TIMELINE_MAX_EVENTS, type TimelineOptions } from './timeline.ts'
