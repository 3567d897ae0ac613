import type { AvailabilityWindow, WindowSearch } from '@portal/shared/availability';
import type { LifecycleTimings } from '@portal/shared/lifecycle';

export interface WindowSearchRequest {
  interviewId: string;
  windows: AvailabilityWindow[];
  /** The rules the lifecycle's claims check a booking against (fixed at the invitation). */
  rules: LifecycleTimings['slotRules'];
}

/** A loop's windows (docs/adr/0077): its sessions with the rules their claims check, the zone the candidate's days are in. */
export interface LoopWindowSearchRequest {
  loopId: string;
  windows: AvailabilityWindow[];
  timezone: string;
  sessions: { interviewId: string; rules: LifecycleTimings['slotRules'] }[];
  /** When nothing fits: also the itineraries nearest the windows, for HR (a second search over the whole pool). */
  withNearest?: boolean;
}

/** Whole itineraries (each session's start, in the sessions' order) inside the windows, and for HR the first starts of those nearest them. */
export interface LoopWindowSearch {
  fitting: string[][];
  nearest: string[];
}

/** The activity contract of the candidate's windows (docs/adr/0071, 0077). */
export interface AvailabilityActivities {
  /** Free starts inside the windows (earliest first, a few), and for HR the free times nearest them outside. */
  searchWindows(request: WindowSearchRequest): Promise<WindowSearch>;
  /** A loop's itineraries whose every session lies inside a window (earliest first, a few). */
  searchLoopWindows(request: LoopWindowSearchRequest): Promise<LoopWindowSearch>;
}
