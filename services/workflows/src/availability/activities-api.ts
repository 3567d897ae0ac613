import type { AvailabilityWindow, WindowSearch } from '@portal/shared/availability';
import type { LifecycleTimings } from '@portal/shared/lifecycle';

export interface WindowSearchRequest {
  interviewId: string;
  windows: AvailabilityWindow[];
  /** The rules the lifecycle's claims check a booking against (fixed at the invitation). */
  rules: LifecycleTimings['slotRules'];
}

/** The activity contract of the candidate's windows (docs/adr/0071). */
export interface AvailabilityActivities {
  /** Free starts inside the windows (earliest first, a few), and for HR the free times nearest them outside. */
  searchWindows(request: WindowSearchRequest): Promise<WindowSearch>;
}
